/**
 * Every HTTP request passes here, in this order: Host and Origin (403), the path, CORS
 * preflight, the bearer token (401), the method (405), the body cap (413) and JSON (400);
 * only then does the MCP endpoint see it. A refused request creates no session and makes
 * no engine call.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../../engine/index.js';
import type { Logger } from '../../log.js';
import { challenge, type BearerAuth } from './auth.js';
import { readJsonBody } from './body.js';
import type { AuthenticatedRequest, McpEndpoint } from './endpoint.js';
import { answerHealth } from './healthz.js';
import type { RequestGuard } from './origin.js';
import { PARSE_ERROR, sendError } from './respond.js';

export interface RouterDeps {
  guard: RequestGuard;
  auth: BearerAuth;
  endpoint: McpEndpoint;
  engine: Engine;
  stateless: boolean;
  maxBodyBytes: number;
  log: Logger;
}

const MCP_METHODS = ['GET', 'POST', 'DELETE'];

export class Router {
  private stopping = false;

  constructor(private readonly deps: RouterDeps) {}

  /** The node:http request listener. */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    this.route(req, res).catch((error: unknown) => {
      this.deps.log.error(`http: ${req.method} ${req.url} failed`, error);
      if (res.headersSent) res.destroy();
      else sendError(res, 500, 'Internal Server Error');
    });
  };

  /** From now on every request gets 503 and its connection closed. */
  stop(): void {
    this.stopping = true;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { guard, auth, log } = this.deps;
    const path = (req.url ?? '/').split('?')[0];
    if (this.stopping)
      return sendError(res, 503, 'Service Unavailable: shutting down', {
        headers: { connection: 'close' },
      });
    const refusal = guard.check(req);
    if (refusal) {
      log.warn(`http: refused ${req.method} ${path} from ${peer(req)}: ${refusal.reason}`);
      return sendError(res, refusal.status, `Forbidden: ${refusal.reason}`);
    }
    guard.addCorsHeaders(req, res);
    if (path === '/healthz') return this.health(req, res);
    if (path !== '/mcp')
      return sendError(res, 404, `Not Found: MCP is served at /mcp (and liveness at /healthz)`);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const authResult = auth.check(req);
    if (authResult !== 'ok') {
      log.warn(`http: refused ${req.method} ${path} from ${peer(req)}: ${authResult} token`);
      return sendError(
        res,
        401,
        authResult === 'missing'
          ? 'Unauthorized: send Authorization: Bearer <token> (printed at start-up, or the one set with --token / CONTAINER_MCP_TOKEN)'
          : 'Unauthorized: the bearer token is not this server’s',
        { headers: { 'www-authenticate': challenge(authResult) } },
      );
    }
    if (!MCP_METHODS.includes(req.method ?? ''))
      return sendError(res, 405, 'Method Not Allowed: use POST, GET or DELETE', {
        headers: { allow: MCP_METHODS.join(', ') },
      });
    let body: unknown;
    if (req.method === 'POST') {
      const read = await readJsonBody(req, this.deps.maxBodyBytes);
      if (read.kind === 'too-large')
        return sendError(
          res,
          413,
          `Payload Too Large: request bodies are capped at ${this.deps.maxBodyBytes} bytes (--max-body)`,
          { headers: { connection: 'close' } },
        );
      if (read.kind === 'invalid-json')
        return sendError(res, 400, `Parse error: the body is not JSON (${read.message})`, {
          code: PARSE_ERROR,
        });
      body = read.value;
    }
    const authenticated: AuthenticatedRequest = Object.assign(req, { auth: auth.identity });
    await this.deps.endpoint.serve(authenticated, res, body);
  }

  private async health(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 405, 'Method Not Allowed: GET /healthz', { headers: { allow: 'GET' } });
    const { engine, endpoint, stateless } = this.deps;
    const authenticated = this.deps.auth.check(req) === 'ok';
    await answerHealth(res, authenticated ? { engine, endpoint, stateless } : undefined);
  }
}

function peer(req: IncomingMessage): string {
  return `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
}

/**
 * 2025-era Streamable HTTP with sessions: one server and transport per session, so a
 * client that declared elicitation can be asked through it. Sessions end on DELETE, after
 * --session-idle without a request, or to make room at --max-sessions (the least recently
 * used idle one); a session with a call in flight is never ended for room. 2026-07-28
 * clients have no sessions (./eras.ts) and never take one of these places.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { isInitializeRequest, type AuthInfo, type Server } from '@modelcontextprotocol/server';
import type { Logger } from '../../log.js';
import type { AuthenticatedRequest, McpEndpoint, ServerFactory } from './endpoint.js';
import { sendError, SESSION_NOT_FOUND } from './respond.js';

interface Session {
  id: string;
  server: Server;
  transport: NodeStreamableHTTPServerTransport;
  lastSeen: number;
  /** POSTs in flight (the long-lived GET event stream does not count). */
  busy: number;
}

export interface SessionOptions {
  idleMs: number;
  max: number;
  newServer: ServerFactory;
  log: Logger;
}

export class Sessions implements McpEndpoint {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: SessionOptions) {
    const every = Math.min(Math.max(options.idleMs / 4, 50), 30_000);
    this.sweeper = setInterval(() => this.expireIdle(), every);
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  async serve(req: AuthenticatedRequest, res: ServerResponse, body: unknown): Promise<void> {
    const header = req.headers['mcp-session-id'];
    const id = Array.isArray(header) ? header[0] : header;
    if (id) {
      const session = this.sessions.get(id);
      if (!session)
        return sendError(
          res,
          404,
          'Session not found: it ended (DELETE, --session-idle or a restart); initialize a new one',
          { code: SESSION_NOT_FOUND },
        );
      return this.run(session, req, res, body);
    }
    if (req.method !== 'POST' || !isInitialize(body))
      return sendError(
        res,
        400,
        'Bad Request: Mcp-Session-Id header is required; send initialize first to get one',
      );
    const session = this.open(req.auth);
    if (!session)
      return sendError(
        res,
        503,
        `Service Unavailable: all ${this.options.max} sessions have calls in flight; retry shortly or raise --max-sessions`,
        { headers: { 'retry-after': '5' } },
      );
    await session.server.connect(session.transport);
    await this.run(session, req, res, body);
    // The transport refused the initialize (a batch, a bad version...): no session exists.
    if (session.transport.sessionId === undefined) await this.end(session.id, 'not initialized');
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id, 'shutdown')));
  }

  private open(auth: AuthInfo | undefined): Session | undefined {
    if (this.sessions.size >= this.options.max && !this.evictOne()) return undefined;
    const id = randomUUID();
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: () => id });
    const session: Session = {
      id,
      server: this.options.newServer({ authInfo: auth, era: 'legacy', stateless: false }),
      transport,
      lastSeen: Date.now(),
      busy: 0,
    };
    // Set before connect: the server chains this handler, and a DELETE closes the transport.
    transport.onclose = () => void this.end(id, 'closed');
    this.sessions.set(id, session);
    this.options.log.debug(`http: session ${id} opened (${this.sessions.size} open)`);
    return session;
  }

  private async run(
    session: Session,
    req: AuthenticatedRequest,
    res: ServerResponse,
    body: unknown,
  ): Promise<void> {
    session.lastSeen = Date.now();
    if (req.method === 'POST') {
      session.busy += 1;
      res.once('close', () => {
        session.busy -= 1;
        session.lastSeen = Date.now();
      });
    }
    await session.transport.handleRequest(req, res, body);
  }

  private async end(id: string, why: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    this.options.log.debug(`http: session ${id} ended: ${why} (${this.sessions.size} open)`);
    await session.server.close().catch(() => undefined);
  }

  private expireIdle(): void {
    const cutoff = Date.now() - this.options.idleMs;
    for (const session of this.sessions.values())
      if (session.busy === 0 && session.lastSeen <= cutoff) void this.end(session.id, 'idle');
  }

  private evictOne(): boolean {
    let oldest: Session | undefined;
    for (const session of this.sessions.values())
      if (session.busy === 0 && (!oldest || session.lastSeen < oldest.lastSeen)) oldest = session;
    if (!oldest) return false;
    void this.end(oldest.id, `--max-sessions ${this.options.max} reached`);
    return true;
  }
}

function isInitialize(body: unknown): boolean {
  return Array.isArray(body) ? body.some(isInitializeRequest) : isInitializeRequest(body);
}

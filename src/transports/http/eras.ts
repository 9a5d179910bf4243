/**
 * /mcp serves both protocol eras at once. A request that carries the 2026-07-28 envelope
 * goes to the SDK's per-request handler (createMcpHandler: server/discover, the header
 * rules, input_required rounds, subscriptions/listen), which builds a server for that one
 * request; everything else (initialize, a session's requests, GET and DELETE) goes to the
 * 2025 endpoint: sessions, or one server per request under --stateless. The SDK's own
 * predicate decides, so the two never disagree about a request.
 */
import type { ServerResponse } from 'node:http';
import { toNodeHandler, toWebRequest } from '@modelcontextprotocol/node';
import {
  createMcpHandler,
  isLegacyRequest,
  type McpHttpHandler,
} from '@modelcontextprotocol/server';
import type { Logger } from '../../log.js';
import type { AuthenticatedRequest, McpEndpoint, ServerFactory } from './endpoint.js';

export interface ErasOptions {
  legacy: McpEndpoint;
  newServer: ServerFactory;
  maxBodyBytes: number;
  log: Logger;
}

export class Eras implements McpEndpoint {
  private readonly modern: McpHttpHandler;
  private readonly serveModern: ReturnType<typeof toNodeHandler>;

  constructor(private readonly options: ErasOptions) {
    const { newServer, maxBodyBytes, log } = options;
    this.modern = createMcpHandler(({ authInfo }) => newServer(authInfo, false), {
      legacy: 'reject',
      maxRequestBodySize: maxBodyBytes,
      onerror: (error) => log.debug('http: 2026-07-28 request', error),
    });
    this.serveModern = toNodeHandler(this.modern, {
      maxRequestBodySize: maxBodyBytes,
      onerror: (error) => log.error('http: 2026-07-28 request failed', error),
    });
  }

  get size(): number {
    return this.options.legacy.size;
  }

  async serve(req: AuthenticatedRequest, res: ServerResponse, body: unknown): Promise<void> {
    const web = await toWebRequest(req, body, { maxRequestBodySize: this.options.maxBodyBytes });
    if (await isLegacyRequest(web, body, { maxRequestBodySize: this.options.maxBodyBytes }))
      return this.options.legacy.serve(req, res, body);
    return this.serveModern(req, res, body);
  }

  async closeAll(): Promise<void> {
    await Promise.all([this.modern.close(), this.options.legacy.closeAll()]);
  }
}

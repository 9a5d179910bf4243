/**
 * /mcp serves both protocol eras at once. A request that carries the 2026-07-28 envelope
 * goes to the SDK's per-request handler (createMcpHandler: server/discover, the header
 * rules, input_required rounds, subscriptions/listen), which builds a server for that one
 * request; everything else (initialize, a session's requests, GET and DELETE) goes to the
 * 2025 endpoint: sessions, or one server per request under --stateless. The SDK's own
 * classifier decides (isLegacyRequest's, on the body the router already parsed, without
 * building a web Request for it), so the two never disagree about a request.
 */
import type { ServerResponse } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import {
  classifyInboundRequest,
  createMcpHandler,
  PROTOCOL_VERSION_META_KEY,
  type McpHttpHandler,
  type ServerEventBus,
} from '@modelcontextprotocol/server';
import type { Logger } from '../../log.js';
import type { AuthenticatedRequest, McpEndpoint, ServerFactory } from './endpoint.js';

export interface ErasOptions {
  legacy: McpEndpoint;
  newServer: ServerFactory;
  maxBodyBytes: number;
  log: Logger;
  /** What subscriptions/listen streams hear (container changes); in-process by default. */
  bus?: ServerEventBus;
  /** subscriptions/listen streams open at once. */
  maxSubscriptions?: number;
}

export class Eras implements McpEndpoint {
  private readonly modern: McpHttpHandler;
  private readonly serveModern: ReturnType<typeof toNodeHandler>;

  constructor(private readonly options: ErasOptions) {
    const { newServer, maxBodyBytes, log, bus, maxSubscriptions } = options;
    this.modern = createMcpHandler(
      ({ authInfo }) => newServer({ authInfo, era: 'modern', stateless: false }),
      {
        legacy: 'reject',
        maxRequestBodySize: maxBodyBytes,
        onerror: (error) => log.debug('http: 2026-07-28 request', error),
        ...(bus && { bus }),
        ...(maxSubscriptions !== undefined && { maxSubscriptions }),
      },
    );
    this.serveModern = toNodeHandler(this.modern, {
      maxRequestBodySize: maxBodyBytes,
      onerror: (error) => log.error('http: 2026-07-28 request failed', error),
    });
  }

  get size(): number {
    return this.options.legacy.size;
  }

  serve(req: AuthenticatedRequest, res: ServerResponse, body: unknown): Promise<void> {
    // A request that claims the 2026-07-28 envelope is never legacy traffic (the modern path
    // answers it, a malformed claim included): the hot path needs no classifier run of its own.
    if (claimsEnvelope(body)) return this.serveModern(req, res, body);
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const route = classifyInboundRequest({
      httpMethod: req.method ?? 'GET',
      protocolVersionHeader: header('mcp-protocol-version'),
      mcpMethodHeader: header('mcp-method'),
      mcpNameHeader: header('mcp-name'),
      body,
    });
    if (route.kind === 'legacy') return this.options.legacy.serve(req, res, body);
    return this.serveModern(req, res, body);
  }

  async closeAll(): Promise<void> {
    await Promise.all([this.modern.close(), this.options.legacy.closeAll()]);
  }
}

/** A single request or notification whose `_meta` names a protocol version. */
function claimsEnvelope(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const meta = (body as { params?: { _meta?: unknown } }).params?._meta;
  return typeof meta === 'object' && meta !== null && PROTOCOL_VERSION_META_KEY in meta;
}

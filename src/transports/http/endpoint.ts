/** What the router hands an authenticated /mcp request to: the protocol eras' endpoints. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo, Server } from '@modelcontextprotocol/server';

export interface McpEndpoint {
  /** Serve one /mcp request; `body` is the parsed JSON of a POST, undefined otherwise. */
  serve(req: AuthenticatedRequest, res: ServerResponse, body: unknown): Promise<void>;
  /** Open 2025-era sessions (or requests in flight without sessions). */
  readonly size: number;
  /** End everything; closing a server aborts its in-flight tool calls' AbortSignals. */
  closeAll(): Promise<void>;
}

/** A request whose bearer token was checked: `auth` names the caller for the SDK. */
export type AuthenticatedRequest = IncomingMessage & { auth?: AuthInfo };

/** What a server is built for: the caller, the protocol era, and whether it has a session. */
export interface ServeContext {
  authInfo: AuthInfo | undefined;
  era: 'modern' | 'legacy';
  /** A 2025-era client served per request (--stateless): nobody can be asked through it. */
  stateless: boolean;
}

/**
 * One server per 2025-era session, per request without sessions, and per 2026-07-28
 * request; all share one prepared table, one Engine and its pools.
 */
export type ServerFactory = (context: ServeContext) => Server;

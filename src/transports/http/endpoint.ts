/** What the router hands an authenticated /mcp request to: sessions, or stateless. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

export interface McpEndpoint {
  /** Serve one /mcp request; `body` is the parsed JSON of a POST, undefined otherwise. */
  serve(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void>;
  /** Open sessions (or stateless requests in flight). */
  readonly size: number;
  /** End everything; closing a server aborts its in-flight tool calls' AbortSignals. */
  closeAll(): Promise<void>;
}

/** One McpServer per session or per request; all share one Engine and its pools. */
export type ServerFactory = () => McpServer;

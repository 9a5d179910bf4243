/**
 * --stateless: no sessions. Every POST gets a fresh McpServer and transport, so any process
 * behind a load balancer can answer any request; there is no event stream to GET and no
 * session to DELETE.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { McpEndpoint, ServerFactory } from './endpoint.js';
import { sendError } from './respond.js';

export class Stateless implements McpEndpoint {
  private readonly live = new Set<McpServer>();

  constructor(private readonly newServer: ServerFactory) {}

  get size(): number {
    return this.live.size;
  }

  async serve(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    if (req.method !== 'POST')
      return sendError(
        res,
        405,
        'Method Not Allowed: this server runs --stateless (no sessions, no event stream); POST each request',
        { headers: { allow: 'POST' } },
      );
    const server = this.newServer();
    this.live.add(server);
    // Answered, or the client went away: either way this server is done, and closing it
    // aborts a tool call still running for a client that is no longer listening.
    res.once('close', () => {
      this.live.delete(server);
      server.close().catch(() => undefined);
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.live].map((server) => server.close().catch(() => undefined)));
  }
}

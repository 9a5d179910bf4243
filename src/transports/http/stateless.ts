/**
 * 2025-era clients without sessions (--stateless): every POST gets a fresh server and
 * transport, so any process behind a load balancer can answer any request; there is no
 * event stream to GET and no session to DELETE, and no session to ask a person through.
 */
import type { ServerResponse } from 'node:http';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import type { Server } from '@modelcontextprotocol/server';
import type { AuthenticatedRequest, McpEndpoint, ServerFactory } from './endpoint.js';
import { sendError } from './respond.js';

export class Stateless implements McpEndpoint {
  private readonly live = new Set<Server>();

  constructor(private readonly newServer: ServerFactory) {}

  get size(): number {
    return this.live.size;
  }

  async serve(req: AuthenticatedRequest, res: ServerResponse, body: unknown): Promise<void> {
    if (req.method !== 'POST')
      return sendError(
        res,
        405,
        'Method Not Allowed: this server runs --stateless (no sessions, no event stream); POST each request',
        { headers: { allow: 'POST' } },
      );
    const server = this.newServer({ authInfo: req.auth, era: 'legacy', stateless: true });
    this.live.add(server);
    // Answered, or the client went away: either way this server is done, and closing it
    // aborts a tool call still running for a client that is no longer listening.
    res.once('close', () => {
      this.live.delete(server);
      server.close().catch(() => undefined);
    });
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.live].map((server) => server.close().catch(() => undefined)));
  }
}

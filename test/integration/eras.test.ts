/**
 * Real clients of both protocol eras against the built server, stdio and HTTP: the 1.x SDK's
 * client (2025-11-25), the v2 client negotiating (`auto`: server/discover first, as Claude
 * Code 2.1 does) and pinned to 2026-07-28. Each gets its era with no fallback, and all get
 * the same tools and the same answers.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHttpClient, connectStdio, type TestClient } from '../helpers/clients.js';
import { createContainer, removeTestContainers, type TestContainer } from '../helpers/docker.js';
import { startHttpServer, type HttpServer } from '../helpers/http.js';
import { CLI } from '../helpers/mcp.js';

let container: TestContainer;
let http: HttpServer;
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  [container, http] = await Promise.all([createContainer(), startHttpServer()]);
});
afterAll(async () => {
  await Promise.all(opened.map((client) => client.close().catch(() => undefined)));
  await http.stop();
  await removeTestContainers();
});

const spawnArgs = {
  command: process.execPath,
  args: [CLI, '--confirm', 'none'],
  env: process.env as Record<string, string>,
};

/** The v2 client in `auto` mode, on the SDK's own transports (its probe as it ships). */
async function negotiating(transport: 'stdio' | 'http'): Promise<Client> {
  const client = new Client(
    { name: 'auto', version: '0' },
    { versionNegotiation: { mode: 'auto' } },
  );
  await client.connect(
    transport === 'stdio'
      ? new StdioClientTransport({ ...spawnArgs, stderr: 'ignore' })
      : new StreamableHTTPClientTransport(new URL(http.url), {
          requestInit: { headers: { authorization: `Bearer ${http.token}` } },
        }),
  );
  opened.push(client);
  return client;
}

async function pinned(transport: 'stdio' | 'http', era: 'modern' | 'legacy'): Promise<TestClient> {
  const client =
    transport === 'stdio'
      ? await connectStdio(spawnArgs, { era }, () => undefined)
      : await connectHttpClient(http.url, http.token, { era });
  opened.push(client);
  return client;
}

describe.each(['stdio', 'http'] as const)('over %s', (transport) => {
  it('each client gets its era, and all get the same tools and answers', async () => {
    const [auto, modern, legacy] = await Promise.all([
      negotiating(transport),
      pinned(transport, 'modern'),
      pinned(transport, 'legacy'),
    ]);
    expect(auto.getProtocolEra()).toBe('modern');
    expect(auto.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    expect(modern.protocolVersion()).toBe('2026-07-28');
    expect(legacy.protocolVersion()).toBe('2025-11-25');
    const lists = await Promise.all([auto.listTools(), modern.listTools(), legacy.listTools()]);
    expect(lists[0].tools).toEqual(lists[2].tools);
    expect(lists[1].tools).toEqual(lists[2].tools);
    const args = { name: 'container_inspect', arguments: { id: container.name } };
    const answers = await Promise.all([
      auto.callTool(args),
      modern.callTool(args),
      legacy.callTool(args),
    ]);
    // The calls run seconds apart: "up 7 seconds" may read "up 9 seconds" in the next.
    const same = (value: unknown) =>
      JSON.stringify(value).replace(/\b(less than a|about a|\d+) (second|minute)s?\b/g, 'N');
    for (const answer of answers.slice(0, 2)) {
      expect(same(answer.content)).toBe(same(answers[2]?.content));
      expect(same(answer.structuredContent)).toBe(same(answers[2]?.structuredContent));
    }
    expect(JSON.stringify(answers[2]?.content)).toContain(container.name);
  });
});

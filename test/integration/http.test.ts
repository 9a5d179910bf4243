/**
 * Streamable HTTP through the SDK's own client against the real engine: tool calls,
 * sessions side by side, concurrency, DELETE, idle expiry, the session cap, stateless mode
 * and TLS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  eventually,
  inspect,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import {
  connectSession,
  mcpHeaders,
  openSessions,
  raw,
  startHttpServer,
  type HttpServer,
} from '../helpers/http.js';

let container: TestContainer;
const servers: HttpServer[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  container = await createContainer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
});
afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  await removeTestContainers();
});

async function start(args: string[] = []): Promise<HttpServer> {
  const server = await startHttpServer({ args });
  servers.push(server);
  return server;
}

async function open(server: HttpServer): Promise<Client> {
  const client = await connectSession(server);
  clients.push(client);
  return client;
}

const sessionOf = (client: Client): string =>
  (client.transport as StreamableHTTPClientTransport).sessionId ?? '';

async function inspectName(client: Client, id: string): Promise<string> {
  const result = (await client.callTool({
    name: 'container_inspect',
    arguments: { id },
  })) as CallToolResult;
  if (result.isError) throw new Error(JSON.stringify(result.content));
  return (result.structuredContent as { container: { name: string } }).container.name;
}

/** A tools/list on a session id, answered or refused, as raw HTTP. */
const listOn = (server: HttpServer, sessionId: string) =>
  raw(server.url, {
    headers: mcpHeaders(server.token, { 'mcp-session-id': sessionId }),
    body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
  });

describe('sessions', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await start();
  });

  it('lists tools and calls them, answering from the real engine', async () => {
    const client = await open(server);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('container_inspect');
    const engineState = await inspect(container.id);
    expect(await inspectName(client, container.id)).toBe(engineState?.Name.replace(/^\//, ''));
    const missing = (await client.callTool({
      name: 'container_inspect',
      arguments: { id: 'no-such-container-http' },
    })) as CallToolResult;
    expect(missing.isError).toBe(true);
  });

  it('keeps two sessions apart, each with its own id, at the same time', async () => {
    const [a, b] = await Promise.all([open(server), open(server)]);
    expect(sessionOf(a)).not.toBe('');
    expect(sessionOf(a)).not.toBe(sessionOf(b));
    const [nameA, nameB] = await Promise.all([
      inspectName(a, container.id),
      inspectName(b, container.name),
    ]);
    expect(nameA).toBe(container.name);
    expect(nameB).toBe(container.name);
  });

  it('answers 40 concurrent calls on one session, each with its own answer', async () => {
    const client = await open(server);
    const ids = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? container.id : container.name));
    const names = await Promise.all(ids.map((id) => inspectName(client, id)));
    expect(names).toEqual(ids.map(() => container.name));
  });

  it('ends a session on DELETE: its id is then unknown (404) and the other goes on', async () => {
    const [ending, staying] = await Promise.all([open(server), open(server)]);
    const id = sessionOf(ending);
    const before = await openSessions(server);
    await (ending.transport as StreamableHTTPClientTransport).terminateSession();
    expect(await openSessions(server)).toBe(before - 1);
    const answer = await listOn(server, id);
    expect(answer.status).toBe(404);
    expect(answer.text).toContain('Session not found');
    expect(await inspectName(staying, container.id)).toBe(container.name);
  });
});

describe('session limits', () => {
  it('ends a session left idle for --session-idle', async () => {
    const server = await start(['--session-idle', '0.5']);
    const client = await open(server);
    const id = sessionOf(client);
    expect(await inspectName(client, container.id)).toBe(container.name);
    // Watch through /healthz: a request on the session itself would keep it alive.
    await eventually(async () => (await openSessions(server)) === 0);
    expect((await listOn(server, id)).status).toBe(404);
    expect(server.stderr()).toContain(`session ${id} ended: idle`);
  });

  it('at --max-sessions, a new session ends the least recently used idle one', async () => {
    const server = await start(['--max-sessions', '2']);
    const first = await open(server);
    const second = await open(server);
    await inspectName(second, container.id); // `first` is now the least recently used
    const third = await open(server);
    expect(await openSessions(server)).toBe(2);
    expect((await listOn(server, sessionOf(first))).status).toBe(404);
    expect((await listOn(server, sessionOf(second))).status).toBe(200);
    expect(await inspectName(third, container.id)).toBe(container.name);
  });
});

describe('--stateless', () => {
  it('serves every request with a fresh server and refuses the event stream', async () => {
    const server = await start(['--stateless']);
    const client = await open(server);
    expect(sessionOf(client)).toBe('');
    expect(await inspectName(client, container.id)).toBe(container.name);
    const names = await Promise.all(
      Array.from({ length: 10 }, () => inspectName(client, container.id)),
    );
    expect(new Set(names)).toEqual(new Set([container.name]));
    const get = await raw(server.url, {
      method: 'GET',
      headers: mcpHeaders(server.token, { accept: 'text/event-stream' }),
    });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const health = await raw(server.url.replace(/\/mcp$/, '/healthz'), {
      method: 'GET',
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(JSON.parse(health.text)).toMatchObject({ mode: 'stateless', requestsInFlight: 0 });
  });
});

describe('TLS', () => {
  it('serves HTTPS with --tls-cert and --tls-key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmcp-tls-'));
    try {
      const cert = join(dir, 'cert.pem');
      const key = join(dir, 'key.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      const server = await start(['--tls-cert', cert, '--tls-key', key]);
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/mcp$/);
      const dispatcher = new Agent({ connect: { ca: readFileSync(cert) } });
      const client = await connectSession(server, {
        fetch: (input, init) => undiciFetch(input as string, { ...(init as object), dispatcher }),
      });
      try {
        expect(await inspectName(client, container.id)).toBe(container.name);
      } finally {
        await client.close();
        await dispatcher.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

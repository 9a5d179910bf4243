/**
 * Calls in flight, against the scripted fake engine (only it can hold a request open on
 * demand): closing a session (DELETE, shutdown) or a stateless client going away aborts the
 * engine request; a busy session is never ended to make room; SIGTERM and SIGINT exit 0.
 */
import { request } from 'node:http';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/docker.js';
import {
  answerJson,
  answerPing,
  startFakeEngine,
  type FakeEngine,
} from '../helpers/fake-engine.js';
import {
  connectSession,
  INITIALIZE,
  mcpHeaders,
  openSessions,
  raw,
  startHttpServer,
  type HttpServer,
} from '../helpers/http.js';

/** Requests to the endpoint that never answers, and whether each was cut off. */
let held: { aborted: boolean }[] = [];
let fake: FakeEngine;

beforeAll(async () => {
  fake = await startFakeEngine((req, res) => {
    if (req.url?.endsWith('/_ping')) return answerPing(res, '1.41');
    if (req.url?.startsWith('/v1.41/containers/json')) {
      const call = { aborted: false };
      held.push(call);
      res.on('close', () => (call.aborted = !res.writableEnded));
      return; // never answered: the call stays in flight until someone aborts it
    }
    answerJson(res, 404, { message: 'not scripted' });
  });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  held = [];
});

/** Wait for a condition this process can see at once (no engine call to await). */
const until = (check: () => boolean | undefined): Promise<true> =>
  eventually(() => Promise.resolve(check() === true || undefined));

const start = (args: string[] = []): Promise<HttpServer> =>
  startHttpServer({ args, env: { DOCKER_HOST: fake.url } });

/**
 * Start a container_list that the fake engine holds open; resolves once it is there, with
 * the call's own promise wrapped (an async function would otherwise wait for it).
 */
async function holdCall(client: Client): Promise<{ settled: Promise<unknown> }> {
  const call = client.callTool({ name: 'container_list', arguments: {} }).then(
    (result) => result,
    (error: unknown) => error,
  );
  await until(() => held.length === 1);
  return { settled: call };
}

describe('ending a session aborts its in-flight engine requests', () => {
  it('on DELETE, while the server goes on', async () => {
    const server = await start();
    try {
      const client = await connectSession(server);
      const call = await holdCall(client);
      expect(held[0]?.aborted).toBe(false);
      await (client.transport as StreamableHTTPClientTransport).terminateSession();
      await until(() => held[0]?.aborted);
      await client.close();
      await call.settled;
      expect(server.child.exitCode).toBeNull();
    } finally {
      await server.stop();
    }
  });

  it('in --stateless mode, when the client goes away mid-call', async () => {
    const server = await start(['--stateless']);
    try {
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'container_list', arguments: {} },
      });
      const req = request(server.url, { method: 'POST', headers: mcpHeaders(server.token) });
      req.on('error', () => undefined);
      req.end(body);
      await until(() => held.length === 1);
      expect(held[0]?.aborted).toBe(false);
      req.destroy();
      await until(() => held[0]?.aborted);
      expect(server.child.exitCode).toBeNull();
    } finally {
      await server.stop();
    }
  });
});

describe('the session cap', () => {
  it('refuses a new session with 503 when every session has a call in flight', async () => {
    const server = await start(['--max-sessions', '1']);
    try {
      const client = await connectSession(server);
      const call = await holdCall(client);
      const refused = await raw(server.url, {
        headers: mcpHeaders(server.token),
        body: INITIALIZE,
      });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(await openSessions(server)).toBe(1);
      expect(held[0]?.aborted).toBe(false); // the busy session was left alone
      await client.close();
      await call.settled;
    } finally {
      await server.stop();
    }
  });
});

describe('signals', () => {
  it('SIGTERM with a call in flight: sessions end, the engine request is cut, exit 0', async () => {
    const server = await start();
    const client = await connectSession(server);
    const call = await holdCall(client);
    expect(held[0]?.aborted).toBe(false);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.stderr()).toContain('SIGTERM: shutting down');
    expect(server.stderr()).toMatch(/session \S+ ended: shutdown/);
    await until(() => held[0]?.aborted);
    await client.close();
    await call.settled;
  });

  it('SIGINT with an idle session and its event stream open: exit 0', async () => {
    const server = await start();
    const client = await connectSession(server);
    await client.listTools();
    expect(await server.stop('SIGINT')).toBe(0);
    expect(server.stderr()).toMatch(/session \S+ ended: shutdown/);
    await client.close();
  });
});

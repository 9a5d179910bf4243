/**
 * A cancelled container_wait leaves nothing behind at the engine, through a real MCP client
 * against the scripted engine (only it holds a wait open without end and counts every
 * connection): its wait request is closed at once, and no connection is opened after the
 * cancel (undici would open one for the aborted request in a pool: nodejs/undici#5845).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '../helpers/docker.js';
import {
  answerJson,
  answerPing,
  startFakeEngine,
  type FakeEngine,
} from '../helpers/fake-engine.js';
import { startServer, type Session } from '../helpers/mcp.js';
import { containerDocument } from '../helpers/container-document.js';

const ID = 'f'.repeat(64);
/** What the server reads of a container: enough for its lookup and its answer. */
const INSPECT = containerDocument({}, {}, ID);

let fake: FakeEngine;
let session: Session;
/** Each wait request the engine holds, and whether its connection was closed. */
const held: { url: string; closed: boolean }[] = [];

beforeAll(async () => {
  fake = await startFakeEngine((req, res) => {
    if (req.url === '/_ping') return answerPing(res, '1.41');
    if (req.url?.includes('/wait')) {
      const entry = { url: req.url, closed: false };
      held.push(entry);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      res.on('close', () => (entry.closed = true));
      return; // the condition is never met
    }
    if (/\/containers\/[^/]+\/json/.test(req.url ?? '')) return answerJson(res, 200, INSPECT);
    answerJson(res, 404, { message: 'not scripted' });
  });
  session = await startServer({ env: { DOCKER_HOST: fake.url } });
});
afterAll(async () => {
  await session?.close();
  await fake?.close();
});

it('a container_wait cancelled after a second closes its wait at once and opens no connection', async () => {
  const controller = new AbortController();
  const pending = session.client.callTool(
    { name: 'container_wait', arguments: { id: 'web', timeout_s: 60 } },
    undefined,
    { signal: controller.signal },
  );
  await eventually(() => Promise.resolve(held.length === 1));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = fake.connections();
  controller.abort();
  await expect(pending).rejects.toThrow(/abort/i);
  await eventually(() => Promise.resolve(held[0]?.closed), 2000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(fake.connections().opened).toBe(before.opened);
  expect(held.map((h) => h.url)).toEqual([`/v1.41/containers/${ID}/wait`]);
  await session.client.ping();
});

import { afterEach, describe, expect, it } from 'vitest';
import { parseEngineUrl } from '../../src/engine/address.js';
import { Engine } from '../../src/engine/client.js';
import { endpoint } from '../../src/engine/endpoint.js';
import { EngineError } from '../../src/engine/errors.js';
import {
  answerJson,
  answerPing,
  freshSocketPath,
  startFakeEngine,
  type FakeEngine,
} from '../helpers/fake-engine.js';

const inspect = endpoint({ method: 'GET', path: '/containers/{id}/json', expect: [200] });
const start = endpoint({ method: 'POST', path: '/containers/{id}/start', expect: [204, 304] });
const newer = endpoint({ method: 'GET', path: '/newer', expect: [200], minVersion: '1.44' });
const slow = endpoint({ method: 'POST', path: '/containers/{id}/wait', expect: [200], long: true });

let fake: FakeEngine | undefined;
let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  await fake?.close();
  engine = fake = undefined;
});

async function engineWith(
  apiVersion: string | undefined,
  options: ConstructorParameters<typeof Engine>[1] = {},
  extra?: Record<string, string>,
) {
  fake = await startFakeEngine((req, res) => {
    if (req.url === '/_ping') return answerPing(res, apiVersion, extra);
    if (req.url?.split('?')[0]?.endsWith('/json'))
      return answerJson(res, 200, { Id: 'abc', url: req.url });
    if (req.url?.endsWith('/start')) {
      res.statusCode = 304;
      return res.end();
    }
    answerJson(res, 404, { message: `page not found: ${req.url}` });
  });
  engine = new Engine(parseEngineUrl(fake.url, 'test'), options);
  return { fake, engine };
}

describe('version negotiation', () => {
  it.each([
    ['1.41', '1.41'],
    ['1.45', '1.45'],
    ['1.47', '1.45'],
    [undefined, '1.25'],
  ])('engine says %s: client uses %s', async (header, used) => {
    const { fake, engine } = await engineWith(header);
    const answer = await engine.json<{ url: string }>(inspect, { params: { id: 'web' } });
    expect(answer.url).toBe(`/v${used}/containers/web/json`);
    expect(fake.requests[0]).toMatchObject({ method: 'HEAD', url: '/_ping' });
  });

  it('pings once and caches the version', async () => {
    const { fake, engine } = await engineWith('1.41');
    await engine.json(inspect, { params: { id: 'a' } });
    await engine.json(inspect, { params: { id: 'b' } });
    expect(fake.requests.filter((r) => r.url === '/_ping')).toHaveLength(1);
  });

  it('falls back to GET /_ping when HEAD is refused', async () => {
    fake = await startFakeEngine((req, res) => {
      if (req.url === '/_ping' && req.method === 'HEAD') {
        res.statusCode = 405;
        return res.end();
      }
      if (req.url === '/_ping') return answerPing(res, '1.43');
      answerJson(res, 200, { url: req.url });
    });
    engine = new Engine(parseEngineUrl(fake.url, 'test'));
    expect(await engine.json(inspect, { params: { id: 'x' } })).toEqual({
      url: '/v1.43/containers/x/json',
    });
  });

  it('skips negotiation when pinned', async () => {
    const { fake, engine } = await engineWith('1.45', { apiVersion: '1.41' });
    expect(await engine.json(inspect, { params: { id: 'x' } })).toMatchObject({
      url: '/v1.41/containers/x/json',
    });
    expect(fake.requests.some((r) => r.url === '/_ping')).toBe(false);
  });

  it('detects Podman from its ping headers', async () => {
    const { engine } = await engineWith(
      '1.41',
      {},
      { 'Libpod-Api-Version': '4.3.1', Server: 'Libpod/4.3.1 (linux)' },
    );
    expect(await engine.engineInfo()).toMatchObject({
      podman: true,
      podmanApiVersion: '4.3.1',
      apiVersion: '1.41',
    });
  });

  it('refuses an endpoint newer than the negotiated version, naming both', async () => {
    const { fake, engine } = await engineWith('1.41');
    const error = await engine.json(newer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/needs Engine API 1.44 .* speaks 1.41/),
    });
    expect(fake.requests.some((r) => r.url.includes('/newer'))).toBe(false);
  });
});

describe('requests', () => {
  it('percent-encodes path parameters and serializes the query', async () => {
    const { fake, engine } = await engineWith('1.45');
    await engine.json(inspect, {
      params: { id: 'a b/../c' },
      query: { size: true, all: false, skip: undefined, filters: { label: ['x=y'] } },
    });
    expect(fake.requests[1]?.url).toBe(
      '/v1.45/containers/a%20b%2F..%2Fc/json?size=1&all=0&filters=%7B%22label%22%3A%5B%22x%3Dy%22%5D%7D',
    );
  });

  it('treats a declared 304 as an answer', async () => {
    const { engine } = await engineWith('1.45');
    expect(await engine.call(start, { params: { id: 'x' } })).toMatchObject({ status: 304 });
  });

  it('turns an undeclared status into an EngineError with code, status and message', async () => {
    const { engine } = await engineWith('1.45');
    const missing = endpoint({ method: 'GET', path: '/containers/{id}/top', expect: [200] });
    await expect(engine.json(missing, { params: { id: 'x' } })).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
      message: 'page not found: /v1.45/containers/x/top',
      endpoint: 'GET /containers/{id}/top',
    });
  });

  it('names the address when nothing listens, and recovers when the engine appears', async () => {
    const socketPath = freshSocketPath();
    engine = new Engine(parseEngineUrl(`unix://${socketPath}`, 'test'));
    await expect(engine.json(inspect, { params: { id: 'x' } })).rejects.toMatchObject({
      code: 'unavailable',
      message: `cannot reach the Docker engine at unix://${socketPath} (ENOENT: no socket at that path: is Docker running?)`,
    });
    fake = await startFakeEngine(
      (req, res) =>
        req.url === '/_ping' ? answerPing(res, '1.41') : answerJson(res, 200, { up: true }),
      socketPath,
    );
    expect(await engine.json(inspect, { params: { id: 'x' } })).toEqual({ up: true });
  });

  it('times out a quick call that gets no answer', async () => {
    fake = await startFakeEngine((req, res) => {
      if (req.url === '/_ping') return answerPing(res, '1.45');
      // never answer
    });
    engine = new Engine(parseEngineUrl(fake.url, 'test'), { timeoutMs: 200 });
    await expect(engine.json(inspect, { params: { id: 'x' } })).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/within 200 ms/),
    });
  });

  it('aborts the engine request when the caller cancels', async () => {
    let closed = false;
    fake = await startFakeEngine((req, res) => {
      if (req.url === '/_ping') return answerPing(res, '1.45');
      res.on('close', () => (closed = true));
    });
    engine = new Engine(parseEngineUrl(fake.url, 'test'));
    const controller = new AbortController();
    const pending = engine.json(slow, { params: { id: 'x' }, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(true);
  });

  it('keeps quick calls flowing while long calls are pending', async () => {
    fake = await startFakeEngine((req, res) => {
      if (req.url === '/_ping') return answerPing(res, '1.45');
      if (req.url?.includes('/wait')) return; // held open, as a real wait is
      answerJson(res, 200, { ok: true });
    });
    engine = new Engine(parseEngineUrl(fake.url, 'test'));
    const controller = new AbortController();
    const waits = Array.from({ length: 20 }, (_, i) =>
      engine!
        .json(slow, { params: { id: `w${i}` }, signal: controller.signal })
        .catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const quick = await Promise.all(
      Array.from({ length: 20 }, () =>
        engine!.json(inspect, { params: { id: 'x' }, timeoutMs: 2000 }),
      ),
    );
    expect(quick).toHaveLength(20);
    controller.abort();
    await Promise.all(waits);
  });
});

/**
 * Waits and stops against a scripted engine, for what the real one will not show on
 * demand: that an abandoned wait really closes its request, and what a 1.42+ engine is sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseEngineUrl } from '../../src/engine/address.js';
import { restartWithSignal, stopWithSignal } from '../../src/engine/api/stop.js';
import { waitForContainer } from '../../src/engine/api/wait.js';
import { Engine } from '../../src/engine/client.js';
import { EngineError } from '../../src/engine/errors.js';
import { eventually } from '../helpers/docker.js';
import {
  answerJson,
  answerPing,
  startFakeEngine,
  type FakeEngine,
} from '../helpers/fake-engine.js';

let fake: FakeEngine | undefined;
let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  await fake?.close();
  engine = fake = undefined;
});

/** An engine whose waits never finish: headers at once, body never (as a real wait does). */
async function hangingEngine(apiVersion = '1.41') {
  const closed: string[] = [];
  fake = await startFakeEngine((req, res) => {
    if (req.url === '/_ping') return answerPing(res, apiVersion);
    if (req.url?.includes('/wait')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      res.on('close', () => closed.push(req.url ?? ''));
      return;
    }
    res.statusCode = 204;
    res.end();
  });
  engine = new Engine(parseEngineUrl(fake.url, 'test'));
  // Negotiate first: the first call also loads the HTTP client, and a short deadline must
  // fall on the wait request itself, not on that.
  await engine.engineInfo();
  return { fake, engine, closed };
}

describe('waitForContainer', () => {
  it('gives up at the deadline and closes the request', async () => {
    const { engine, closed } = await hangingEngine();
    const outcome = await waitForContainer(engine, 'web', { timeoutMs: 200 });
    expect(outcome).toMatchObject({ done: false });
    await eventually(() => Promise.resolve(closed.length === 1), 2000);
    expect(closed).toEqual(['/v1.41/containers/web/wait']);
  });

  it('throws "cancelled" when the caller aborts, and closes the request', async () => {
    const { engine, closed } = await hangingEngine();
    const controller = new AbortController();
    const pending = waitForContainer(engine, 'web', {
      condition: 'next-exit',
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'cancelled' });
    await eventually(() => Promise.resolve(closed.length === 1), 2000);
    expect(closed).toEqual(['/v1.41/containers/web/wait?condition=next-exit']);
  });

  it('returns the exit code and the engine error message', async () => {
    fake = await startFakeEngine((req, res) => {
      if (req.url === '/_ping') return answerPing(res, '1.41');
      answerJson(res, 200, { StatusCode: 127, Error: { Message: 'exec failed' } });
    });
    engine = new Engine(parseEngineUrl(fake.url, 'test'));
    expect(await waitForContainer(engine, 'web', { timeoutMs: 1000 })).toEqual({
      done: true,
      statusCode: 127,
      error: 'exec failed',
    });
  });

  it('refuses conditions an engine before 1.30 does not know', async () => {
    const { engine, fake } = await hangingEngine('1.29');
    await expect(
      waitForContainer(engine, 'web', { condition: 'removed', timeoutMs: 1000 }),
    ).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/needs Engine API 1\.30/),
    });
    expect(fake.requests.some((r) => r.url.includes('/wait'))).toBe(false);
  });
});

describe('stop and restart with a signal', () => {
  it.each([
    [stopWithSignal, 'stop'],
    [restartWithSignal, 'restart'],
  ] as const)('on API 1.42+, %s sends the signal to the engine itself', async (action, path) => {
    const { engine, fake } = await hangingEngine('1.43');
    await action(engine, 'web', { signal: 'SIGUSR1', t: 3 });
    const calls = fake.requests
      .filter((r) => r.url !== '/_ping')
      .map((r) => `${r.method} ${r.url}`);
    expect(calls).toEqual([`POST /v1.43/containers/web/${path}?signal=SIGUSR1&t=3`]);
  });

  it('without a signal, any engine does the stop itself', async () => {
    const { engine, fake } = await hangingEngine('1.41');
    expect(await stopWithSignal(engine, 'web', { t: 1 })).toEqual({
      kind: 'stopped',
      by: 'engine',
    });
    const calls = fake.requests.filter((r) => r.url !== '/_ping').map((r) => r.url);
    expect(calls).toEqual(['/v1.41/containers/web/stop?t=1']);
  });
});

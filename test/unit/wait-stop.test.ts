/**
 * Waits and stops against a scripted engine, for what the real one will not show on
 * demand: that an abandoned wait really closes its request, and what a 1.42+ engine is sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseEngineUrl } from '../../src/engine/address.js';
import { restartWithSignal, stopWithSignal } from '../../src/engine/api/stop.js';
import { waitForContainer } from '../../src/engine/api/wait.js';
import { connect } from 'node:net';
import { Engine, type EngineOptions } from '../../src/engine/client.js';
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
async function hangingEngine(apiVersion = '1.41', options: EngineOptions = {}, url?: string) {
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
  engine = new Engine(parseEngineUrl(url ?? fake.url, 'test'), options);
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

  it('a cancelled wait closes its connection at once and opens no other', async () => {
    const { engine, fake, closed } = await hangingEngine();
    const controller = new AbortController();
    const pending = waitForContainer(engine, 'web', {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    await eventually(() => Promise.resolve(fake.requests.some((r) => r.url.includes('/wait'))));
    const before = fake.connections();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await eventually(() => Promise.resolve(closed.length === 1), 2000);
    // In a pool, undici would open a fresh connection for the aborted request
    // (nodejs/undici#5845); the wait's own connection is simply gone.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.connections()).toEqual({ opened: before.opened, open: before.open - 1 });
  });

  it('a wait still waiting for its connection ends at its cancel, and is never sent', async () => {
    // An ssh engine's connector takes its time (a child process that dials): the request
    // waits for its socket. This one reaches the fake engine, slowly once told to.
    let slow = false;
    const hanging = await hangingEngine(
      '1.41',
      {
        connector: (_options, done) => {
          const socket = connect(fake!.socketPath);
          const ready = (): void => void done(null, socket);
          if (slow) setTimeout(ready, 1500);
          else socket.once('connect', ready);
          return socket;
        },
      },
      'ssh://me@engine.test',
    );
    slow = true;
    const { engine } = hanging;
    const controller = new AbortController();
    const pending = waitForContainer(engine, 'web', {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const settled = await Promise.race([
      pending.then(
        () => 'resolved',
        (error: unknown) => (error as { code?: string }).code,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still pending'), 1000)),
    ]);
    expect(settled).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(hanging.fake.requests.some((r) => r.url.includes('/wait'))).toBe(false);
  });

  it("a call waiting for another call's version ping stops at its own cancel", async () => {
    let pingClosed = false;
    fake = await startFakeEngine((req, res) => {
      // The ping never answers: whoever asks for the version waits.
      if (req.url === '/_ping') return void res.on('close', () => (pingClosed = true));
      res.statusCode = 204;
      res.end();
    });
    engine = new Engine(parseEngineUrl(fake.url, 'test'));
    const first = new AbortController();
    const firstCall = engine.engineInfo(first.signal).catch((e: unknown) => e);
    const second = new AbortController();
    // next-exit needs the version: this wait joins the ping the first call started.
    const waiting = waitForContainer(engine, 'web', {
      condition: 'next-exit',
      timeoutMs: 60_000,
      signal: second.signal,
    }).catch((e: unknown) => e);
    await eventually(() => Promise.resolve(fake!.requests.length > 0 || undefined));
    second.abort();
    expect(await waiting).toMatchObject({ code: 'cancelled' });
    // The first call still waits, and so does its ping; once it gives up, the ping goes.
    expect(pingClosed).toBe(false);
    first.abort();
    expect(await firstCall).toMatchObject({ code: 'cancelled' });
    await eventually(() => Promise.resolve(pingClosed), 2000);
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

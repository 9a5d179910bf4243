/**
 * The engine events reader: parsing (both engines' shapes), the one filter, a bounded read
 * as each engine must be asked (Docker's store of 256, Podman's `until` that answers
 * nothing), and a live read that reconnects after the stream breaks. Against a scripted
 * engine: the real ones cannot be made to restart mid-stream on demand.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEngineUrl } from '../../src/engine/address.js';
import { Engine } from '../../src/engine/client.js';
import { engineFilters, matchesEvent, parseEvent } from '../../src/engine/events.js';
import { followEvents, readEvents } from '../../src/engine/events-read.js';
import { answerPing, startFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';

let fake: FakeEngine | undefined;
let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  await fake?.close();
  engine = fake = undefined;
});

const BASE = 1_796_566_669_024_195_063n;

/** An event line as Docker writes it. */
function line(n: number, action: string, name = 'web', extra: Record<string, string> = {}) {
  const nanos = BASE + BigInt(n) * 1_000_000_000n;
  return `{"status":"${action}","id":"${'a'.repeat(64)}","from":"busybox","Type":"container","Action":"${action}","Actor":{"ID":"${name === 'web' ? 'a'.repeat(64) : 'b'.repeat(64)}","Attributes":${JSON.stringify({ name, image: 'busybox', tier: 'web', ...extra })}},"scope":"local","time":${nanos / 1_000_000_000n},"timeNano":${nanos}}\n`;
}

const seconds = (n: number) => BASE / 1_000_000_000n + BigInt(n);

describe('parseEvent', () => {
  it('keeps every nanosecond of timeNano, past 2^53', () => {
    expect(parseEvent(line(0, 'start')).nanos).toBe(BASE);
  });

  it('splits an action from its detail, and names Podman actions as Docker does', () => {
    expect(parseEvent(line(0, 'health_status: unhealthy'))).toMatchObject({
      action: 'health_status',
      detail: 'unhealthy',
    });
    expect(parseEvent(line(0, 'exec_start: sh -c echo a:b'))).toMatchObject({
      action: 'exec_start',
      detail: 'sh -c echo a:b',
    });
    expect(parseEvent(line(0, 'remove')).action).toBe('destroy');
  });
});

describe('matchesEvent and engineFilters', () => {
  const die = parseEvent(line(0, 'die', 'web', { exitCode: '1' }));
  it('matches containers by name, id or id prefix, and labels by key or key=value', () => {
    expect(matchesEvent(die, { containers: ['web'] })).toBe(true);
    expect(matchesEvent(die, { containers: ['/web'] })).toBe(true);
    expect(matchesEvent(die, { containers: ['aaaa'] })).toBe(true);
    expect(matchesEvent(die, { containers: ['db'] })).toBe(false);
    expect(matchesEvent(die, { labels: ['tier'], actions: ['die'] })).toBe(true);
    expect(matchesEvent(die, { labels: ['tier=db'] })).toBe(false);
    expect(matchesEvent(die, { types: ['image'] })).toBe(false);
  });

  it('sends the engine only what both engines read alike', () => {
    expect(
      engineFilters({ types: ['container'], actions: ['die'], labels: ['tier', 'a=b'] }),
    ).toEqual({ type: ['container'], label: ['a=b'] });
    expect(engineFilters({ actions: ['die'] })).toBeUndefined();
  });
});

/** A fake engine whose /events answer is `events`, Docker or Podman by its ping. */
async function eventsEngine(
  podman: boolean,
  answer: (url: URL, res: ServerResponse) => void,
): Promise<Engine> {
  fake = await startFakeEngine((req, res) => {
    if (req.url === '/_ping')
      return answerPing(res, '1.41', podman ? { 'Libpod-Api-Version': '4.3.1' } : {});
    answer(new URL(req.url ?? '/', 'http://x'), res);
  });
  return (engine = new Engine(parseEngineUrl(fake.url, 'test')));
}

describe('readEvents', () => {
  it('Docker: asks from the start of its store, until the end, and says when the store is full', async () => {
    const store = Array.from({ length: 256 }, (_, n) => line(n, n % 2 ? 'start' : 'die'));
    const engine = await eventsEngine(false, (_url, res) => res.end(store.join('')));
    const seen: string[] = [];
    const summary = await readEvents(
      engine,
      {
        since: BASE - 3_600_000_000_000n,
        until: BASE + 300_000_000_000n,
        filter: { actions: ['die'] },
      },
      (event) => seen.push(event.action),
    );
    expect(seen).toHaveLength(128);
    expect(summary).toMatchObject({ read: 256, capped: false, storeStartsAt: BASE });
    const url = new URL(fake!.requests.at(-1)!.url, 'http://x');
    expect(url.searchParams.get('since')).toBe('1');
    expect(url.searchParams.get('until')).toBe(`${seconds(300)}.024195063`);
    expect(url.searchParams.get('filters')).toBeNull();
  });

  it('Docker: a store that is not full starts where the engine started, and says nothing', async () => {
    const engine = await eventsEngine(false, (_url, res) =>
      res.end(line(5, 'start') + line(6, 'die')),
    );
    const summary = await readEvents(
      engine,
      { since: BASE, until: BASE + 10_000_000_000n, filter: {} },
      () => {},
    );
    expect(summary).toEqual({ read: 2, capped: false });
  });

  it('Podman: asks without until (it would answer nothing) and stops at the first event past it', async () => {
    let closed = false;
    const engine = await eventsEngine(true, (url, res) => {
      res.write(line(1, 'start') + line(2, 'die') + line(9, 'start'));
      res.on('close', () => (closed = true)); // the rest never comes: the reader must let go
    });
    const seen: bigint[] = [];
    const summary = await readEvents(
      engine,
      {
        since: BASE,
        until: BASE + 5_000_000_000n,
        filter: { types: ['container'], labels: ['tier=web'] },
      },
      (event) => seen.push(event.nanos),
    );
    expect(seen).toEqual([BASE + 1_000_000_000n, BASE + 2_000_000_000n]);
    expect(summary).toEqual({ read: 2, capped: false });
    const url = new URL(fake!.requests.at(-1)!.url, 'http://x');
    expect(url.searchParams.get('stream')).toBe('0');
    expect(url.searchParams.get('until')).toBeNull();
    expect(JSON.parse(url.searchParams.get('filters')!)).toEqual({
      type: ['container'],
      label: ['tier=web'],
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(true);
  });

  it('stops at maxRead and says so', async () => {
    const engine = await eventsEngine(true, (_url, res) => {
      res.write(line(1, 'start') + line(2, 'die') + line(3, 'start'));
    });
    const summary = await readEvents(
      engine,
      { since: BASE, until: BASE + 9_000_000_000n, filter: {}, maxRead: 2 },
      () => {},
    );
    expect(summary).toEqual({ read: 2, capped: true });
  });
});

describe('followEvents', () => {
  it('reconnects after the stream breaks, from the last event seen, and tells its hooks', async () => {
    let calls = 0;
    const engine = await eventsEngine(false, (_url, res) => {
      calls += 1;
      if (calls === 1) {
        res.write(line(1, 'start'));
        setTimeout(() => res.socket?.destroy(), 50); // the engine restarts mid-stream
      } else res.write(line(2, 'die', 'web', { exitCode: '137' }));
    });
    const controller = new AbortController();
    const breaks: number[] = [];
    const resumed: bigint[] = [];
    const seen: string[] = [];
    for await (const event of followEvents(engine, {
      filter: { containers: ['web'] },
      signal: controller.signal,
      hooks: {
        onBreak: (_error, attempt) => void breaks.push(attempt),
        onResume: (since) => void resumed.push(since),
      },
    })) {
      seen.push(event.action);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['start', 'die']);
    expect(breaks).toEqual([1]);
    expect(resumed).toEqual([BASE + 1_000_000_001n]);
    const second = new URL(fake!.requests.at(-1)!.url, 'http://x');
    expect(second.searchParams.get('since')).toBe(`${seconds(1)}.024195064`);
    expect(JSON.parse(second.searchParams.get('filters')!)).toEqual({ container: ['web'] });
  });

  it('ends at its signal, closing the stream', async () => {
    let closed = false;
    const engine = await eventsEngine(false, (_url, res) => {
      res.writeHead(200);
      res.flushHeaders();
      res.on('close', () => (closed = true));
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const read = async () => {
      for await (const _ of followEvents(engine, { filter: {}, signal: controller.signal })) break;
    };
    await expect(read()).rejects.toMatchObject({ code: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(true);
  });
});

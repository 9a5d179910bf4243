/**
 * The container change feed on a scripted engine, for what the real one will not do on
 * demand: its event stream breaking off (an engine restart) and resuming, and a burst of
 * events of one container. The real engine's deliveries are in
 * test/integration/subscriptions.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseEngineUrl } from '../../src/engine/address.js';
import { Engine } from '../../src/engine/client.js';
import { EngineRegistry } from '../../src/engine/index.js';
import { silentLogger } from '../../src/log.js';
import { ContainerChanges } from '../../src/resources/changes.js';
import { eventually } from '../helpers/docker.js';
import { answerPing, startFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';

let fake: FakeEngine | undefined;
let changes: ContainerChanges | undefined;
afterEach(async () => {
  changes?.stop();
  await fake?.close();
  fake = undefined;
});

function event(action: string, name: string, labels: Record<string, string> = {}): string {
  const nanos = BigInt(Date.now()) * 1_000_000n;
  return `${JSON.stringify({
    Type: 'container',
    Action: action,
    Actor: { ID: 'a'.repeat(64), Attributes: { name, image: 'busybox', ...labels } },
    time: Number(nanos / 1_000_000_000n),
  }).replace(/}$/, `,"timeNano":${nanos}}`)}\n`;
}

/** An engine whose every /events request is answered by the next script, then the rest wait. */
async function scripted(scripts: ((write: (line: string) => void, end: () => void) => void)[]) {
  let calls = 0;
  fake = await startFakeEngine((req, res) => {
    if (req.url === '/_ping') return answerPing(res, '1.41');
    const script = scripts[calls++];
    res.writeHead(200, { 'content-type': 'application/json' });
    if (script)
      script(
        (line) => res.write(line),
        () => res.end(),
      );
  });
  return new EngineRegistry([new Engine(parseEngineUrl(fake.url, 'test'))]);
}

function listen(engines: EngineRegistry, coalesceMs = 50) {
  const heard = { updated: [] as string[], listChanged: 0 };
  changes = new ContainerChanges(engines, undefined, silentLogger, coalesceMs);
  changes.attach({
    updated: (uri) => heard.updated.push(uri),
    listChanged: () => (heard.listChanged += 1),
  });
  return heard;
}

describe('the container change feed', () => {
  it('reads again after the stream breaks off, and says the list may have changed', async () => {
    const engines = await scripted([
      (write, end) => {
        write(event('die', 'web'));
        setTimeout(end, 20); // the engine went away
      },
      (write) => write(event('start', 'web')),
    ]);
    const heard = listen(engines);
    await eventually(() => Promise.resolve(heard.updated.length >= 2 && heard.listChanged >= 1));
    expect(heard.updated).toEqual(['container://web/', 'container://web/']);
    const streams = fake!.requests.filter((request) => request.url.startsWith('/v1.41/events'));
    expect(streams).toHaveLength(2);
    // The second read starts where the first left off, not from the moment it reconnected.
    expect(new URL(streams[1]!.url, 'http://x').searchParams.get('since')).toMatch(/^\d+\.\d+$/);
  });

  it('makes one notification of a burst of one container, and one list change of several', async () => {
    const engines = await scripted([
      (write) => {
        write(event('kill', 'web') + event('die', 'web') + event('destroy', 'web'));
        write(event('create', 'db') + event('start', 'db'));
      },
    ]);
    const heard = listen(engines, 200);
    await eventually(() => Promise.resolve(heard.updated.length === 2 && heard.listChanged === 1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard.updated.sort()).toEqual(['container://db/', 'container://web/']);
    expect(heard.listChanged).toBe(1);
  });

  it('opens no stream until something listens, and closes it after the last one leaves', async () => {
    const engines = await scripted([() => undefined]);
    changes = new ContainerChanges(engines, undefined, silentLogger);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake!.requests.filter((request) => request.url.includes('/events'))).toHaveLength(0);
    const detach = changes.attach({ updated: () => undefined, listChanged: () => undefined });
    await eventually(() =>
      Promise.resolve(fake!.requests.some((request) => request.url.includes('/events'))),
    );
    detach();
    await eventually(() => Promise.resolve(fake!.connections().open === 0));
  });
});

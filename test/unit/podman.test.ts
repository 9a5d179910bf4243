/**
 * Podman's Docker-compatible service, as a scripted engine: the answers below are the ones
 * Podman 4.3.1 gives (docs/ENGINE-NOTES.md). The integration suite asserts the same against the
 * real service (npm run test:podman).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseEngineUrl } from '../../src/engine/address.js';
import { updateContainer } from '../../src/engine/api/lifecycle.js';
import { Engine } from '../../src/engine/client.js';
import { endpoint } from '../../src/engine/endpoint.js';
import { EngineError, isNotRunning } from '../../src/engine/errors.js';
import { topTable } from '../../src/engine/top.js';
import { releaseAtLeast } from '../../src/engine/version.js';
import { describeEngineError } from '../../src/mcp/errors.js';
import {
  answerJson,
  answerPing,
  startFakeEngine,
  type FakeEngine,
} from '../helpers/fake-engine.js';

const PODMAN_43 = { 'Libpod-Api-Version': '4.3.1', Server: 'Libpod/4.3.1 (linux)' };
const kill = endpoint({ method: 'POST', path: '/containers/{id}/kill', expect: [204] });
const attachWs = endpoint({
  method: 'GET',
  path: '/containers/{id}/attach/ws',
  expect: [101],
  missingOnPodman: {},
});

let fake: FakeEngine | undefined;
let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  await fake?.close();
  engine = fake = undefined;
});

async function engineWith(headers: Record<string, string>) {
  fake = await startFakeEngine((req, res) => {
    if (req.url === '/_ping') return answerPing(res, '1.41', headers);
    if (req.url?.includes('/kill')) {
      return answerJson(res, 500, {
        cause: 'container state improper',
        message:
          'can only kill running containers. abc is in state exited: container state improper',
        response: 500,
      });
    }
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Not Found\n');
  });
  engine = new Engine(parseEngineUrl(fake.url, 'test'));
  return { fake, engine };
}

const failure = (promise: Promise<unknown>) => promise.catch((error: unknown) => error);

describe('Podman detection', () => {
  it('names the flavor and the product', async () => {
    const { engine } = await engineWith(PODMAN_43);
    expect(await engine.flavor()).toBe('podman');
    expect(await engine.engineInfo()).toMatchObject({ podman: true, product: 'Podman 4.3.1' });
  });

  it('names dockerd from its Server header', async () => {
    const { engine } = await engineWith({ Server: 'Docker/20.10.24+dfsg1 (linux)' });
    expect(await engine.flavor()).toBe('docker');
    expect(await engine.engineInfo()).toMatchObject({ product: 'Docker 20.10.24+dfsg1' });
  });
});

describe('endpoints Podman lacks', () => {
  it('refuses /update on Podman 4.3 before calling, naming the engine', async () => {
    const { fake, engine } = await engineWith(PODMAN_43);
    const error = await failure(engine.call(updateContainer, { params: { id: 'abc' } }));
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({
      code: 'unsupported',
      message:
        'POST /containers/{id}/update is not supported by this engine (Podman 4.3.1) (Podman 5.1 and later have it)',
    });
    expect(fake.requests.some((r) => r.url.includes('/update'))).toBe(false);
  });

  it('refuses /attach/ws on every Podman', async () => {
    const { fake, engine } = await engineWith({ 'Libpod-Api-Version': '5.2.0' });
    await expect(engine.ensureSupported(attachWs)).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('not supported by this engine (Podman 5.2.0)') as string,
    });
    expect(fake.requests.some((r) => r.url.includes('/attach'))).toBe(false);
  });

  it('calls /update on Podman 5.1 and on dockerd, and turns a bare 404 into "not supported"', async () => {
    const engines: Record<string, string>[] = [
      { 'Libpod-Api-Version': '5.1.0' },
      { Server: 'Docker/20.10.24' },
    ];
    for (const headers of engines) {
      const { fake, engine } = await engineWith(headers);
      const error = await failure(engine.call(updateContainer, { params: { id: 'abc' } }));
      expect(fake.requests.some((r) => r.url.includes('/update'))).toBe(true);
      expect(error).toMatchObject({ code: 'unsupported', status: 404 });
      expect((error as Error).message).toMatch(/update is not supported by this engine/);
      await engine.close();
      await fake.close();
    }
  });
});

describe("Podman's 500 for a container in the wrong state", () => {
  it('is a conflict, with the same "not running" answer as dockerd\'s 409', async () => {
    const { engine } = await engineWith(PODMAN_43);
    const error = await failure(engine.call(kill, { params: { id: 'abc' } }));
    expect(error).toMatchObject({ code: 'conflict', status: 500 });
    expect(isNotRunning(error)).toBe(true);
    const docker = new EngineError(
      'conflict',
      'Cannot kill container: abc: Container abc is not running',
      { status: 409 },
    );
    const hint = (e: EngineError) => describeEngineError(e).split('\n')[1];
    expect(hint(error as EngineError)).toBe(hint(docker));
    expect(hint(docker)).toMatch(/^Next: The container is already stopped/);
  });
});

describe("Podman's own wording", () => {
  it('gets the same advice as dockerd for an unreadable log driver', () => {
    const podman = new EngineError(
      'engine',
      "failed to obtain logs for Container 'abc': this container is using the 'none' log driver, cannot read logs: this container is not logging output",
      { status: 500 },
    );
    const docker = new EngineError('engine', 'configured logging driver does not support reading', {
      status: 501,
    });
    const hint = (e: EngineError) => describeEngineError(e).split('\n')[1];
    expect(hint(podman)).toBe(hint(docker));
    expect(hint(podman)).toMatch(/^Next: .*logging driver/);
  });
});

describe('top rows', () => {
  it("splits Podman's unsplit title and rows, keeping the command whole", () => {
    expect(
      topTable({
        Titles: ['PID   USER     COMMAND'],
        Processes: [['1 root     sleep 600'], ['7 root     sh -c  echo a  b']],
      }),
    ).toEqual({
      titles: ['PID', 'USER', 'COMMAND'],
      processes: [
        ['1', 'root', 'sleep 600'],
        ['7', 'root', 'sh -c  echo a  b'],
      ],
    });
  });

  it("leaves dockerd's columns and a single-column answer alone", () => {
    const docker = { Titles: ['UID', 'PID', 'CMD'], Processes: [['root', '1', 'sleep 600']] };
    expect(topTable(docker)).toEqual({ titles: docker.Titles, processes: docker.Processes });
    const single = { Titles: ['COMMAND'], Processes: [['sleep 600']] };
    expect(topTable(single)).toEqual({ titles: ['COMMAND'], processes: [['sleep 600']] });
  });
});

describe('releaseAtLeast', () => {
  it('compares release versions part by part', () => {
    expect(releaseAtLeast('4.3.1', '5.1')).toBe(false);
    expect(releaseAtLeast('5.1.0', '5.1')).toBe(true);
    expect(releaseAtLeast('10.0', '5.1')).toBe(true);
    expect(releaseAtLeast('5.0.9-dev', '5.1')).toBe(false);
  });
});

/**
 * What differs between API levels, and how the server handles each, asserted for whichever
 * engine DOCKER_HOST names: Docker 20.10 (API 1.41), Docker 26 (API 1.45, the seed's own
 * version) and Podman's service (1.41). CI runs this tier against all three.
 *
 * - `signal` on stop and restart: sent to the engine from API 1.42; below, the engine would
 *   ignore it, so the server carries it out itself (kill, wait, SIGKILL) and says so.
 * - Create fields added in 1.42-1.45: passed to an engine that reads them (and in force
 *   there), refused before anything is created on an engine that would silently drop them.
 * - Error wording: each engine version words a state error its own way; the server passes the
 *   engine's words on and gives the same next step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  inspect,
  isPodman,
  removeTestContainers,
  RUN_ID,
  TEST_IMAGE,
  testHostConfig,
  testLabels,
  uniqueName,
} from '../helpers/docker.js';
import { serverApiVersion } from '../helpers/engine-level.js';
import { startEngineProxy, type EngineProxy } from '../helpers/engine-proxy.js';
import { trapping } from '../helpers/lifecycle.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { apiVersionAtLeast } from '../../src/engine/version.js';

let session: Session;
let proxy: EngineProxy;
let api: string;
let podman: boolean;
beforeAll(async () => {
  // The server reaches the engine through a recording proxy: which requests it sent is part
  // of what is asserted.
  proxy = await startEngineProxy();
  // --allow-privileged: the host guards refuse Annotations by default, and the version
  // check, not the policy, is what is asserted here.
  session = await startServer({ args: ['--allow-privileged'], env: { DOCKER_HOST: proxy.url } });
  [api, podman] = await Promise.all([serverApiVersion(), isPodman()]);
});
afterAll(async () => {
  await session?.close();
  await proxy?.close();
  await removeTestContainers();
});

interface Stopped {
  container: { status: string; running: boolean; exit_code: number };
  stop: { method: string; emulated: boolean; signal?: string };
}

/** The engine requests the server made for `id` since `from`: "POST /containers/{id}/stop?signal=SIGUSR1&t=20". */
function requestsFor(id: string, from: number): string[] {
  return proxy
    .requests()
    .slice(from)
    .filter((seen) => seen.path.includes(id))
    .map(
      (seen) =>
        `${seen.method} ${seen.path.replace(id, '{id}')}${seen.query ? `?${seen.query}` : ''}`,
    );
}

describe('stop and restart with a signal', () => {
  it.each([
    ['container_stop', 'stop'],
    ['container_restart', 'restart'],
  ])(
    '%s: the engine sends it from API 1.42; below, the server does, and says so',
    async (tool, action) => {
      const box = await trapping({ USR1: 'exit 42' });
      const before = proxy.requests().length;
      const result = await call(session, tool, { id: box.id, signal: 'USR1', t: 20 });
      const data = dataOf<Stopped>(result);
      const sent = requestsFor(box.id, before).filter((line) => line.startsWith('POST'));
      if (apiVersionAtLeast(api, '1.42')) {
        expect(data.stop).toEqual({ method: 'engine', emulated: false });
        expect(sent).toContainEqual(
          expect.stringMatching(
            new RegExp(`^POST /containers/\\{id\\}/${action}\\?.*signal=(SIG)?USR1`),
          ),
        );
        expect(sent.some((line) => line.includes('/kill'))).toBe(false);
        expect(textOf(result)).not.toContain('the server sent it itself');
      } else {
        expect(data.stop).toMatchObject({ method: 'signal', emulated: true, signal: 'SIGUSR1' });
        expect(sent).toContainEqual(
          expect.stringMatching(/^POST \/containers\/\{id\}\/kill\?signal=(SIG)?USR1/),
        );
        expect(sent.some((line) => /signal=(SIG)?USR1/.test(line) && !line.includes('/kill'))).toBe(
          false,
        );
        expect(textOf(result)).toContain(
          `(This engine speaks API ${api}, which ignores \`signal\` on stop and restart before 1.42, so the server sent it itself`,
        );
      }
      const state = (await inspect(box.id))?.State;
      // The trap's exit code proves USR1 (not the stop signal, SIGTERM) ended the process.
      if (action === 'stop') expect(state).toMatchObject({ Running: false, ExitCode: 42 });
      else expect(state?.Running).toBe(true);
    },
  );
});

describe('create fields added in API 1.42 to 1.45', () => {
  const fields: { path: string; since: string }[] = [
    { path: 'body.HostConfig.ConsoleSize', since: '1.42' },
    { path: 'body.HostConfig.Annotations', since: '1.43' },
    { path: 'body.Healthcheck.StartInterval', since: '1.44' },
    { path: 'body.HostConfig.Mounts[0].VolumeOptions.Subpath', since: '1.45' },
  ];

  it('reach an engine that reads them and are in force there; else are refused, naming each', async () => {
    const name = uniqueName('fields');
    // A named volume: 1.45 refuses Subpath on an anonymous one.
    const volume = `cmcp-${RUN_ID}-subpath-${name.slice(-4)}`;
    const result = await call(session, 'container_create', {
      name,
      body: {
        Image: TEST_IMAGE,
        Cmd: ['sleep', '60'],
        Labels: testLabels(),
        Healthcheck: { Test: ['NONE'], StartInterval: 1_000_000_000 },
        HostConfig: {
          ...(await testHostConfig()),
          Annotations: { team: 'a' },
          ConsoleSize: [24, 80],
          Mounts: [
            { Type: 'volume', Source: volume, Target: '/v', VolumeOptions: { Subpath: 'sub' } },
          ],
        },
      },
    });
    try {
      const newer = fields.filter((field) => !apiVersionAtLeast(api, field.since));
      if (newer.length > 0) {
        expect(textOf(result)).toMatch(/^container_create refused: nothing was created\./);
        for (const { path, since } of newer)
          expect(textOf(result)).toContain(
            `- ${path} needs Engine API ${since} or later; this engine speaks ${api} and would ignore it`,
          );
        expect(await inspect(name)).toBeUndefined();
        return;
      }
      const { id } = dataOf<{ id: string }>(result);
      // Asked at the server's own version: engines shape inspect by the version asked.
      const doc = await docker<{
        HostConfig: {
          ConsoleSize: number[];
          Annotations: Record<string, string>;
          Mounts: { VolumeOptions?: { Subpath?: string } }[];
        };
        Config: { Healthcheck: { StartInterval: number } };
      }>('GET', `/v${api}/containers/${id}/json`);
      expect(doc.body.HostConfig.ConsoleSize).toEqual([24, 80]);
      expect(doc.body.HostConfig.Annotations).toEqual({ team: 'a' });
      expect(doc.body.Config.Healthcheck.StartInterval).toBe(1_000_000_000);
      expect(doc.body.HostConfig.Mounts[0]?.VolumeOptions?.Subpath).toBe('sub');
    } finally {
      await docker('DELETE', `/containers/${name}?force=1`);
      await docker('DELETE', `/volumes/${volume}`);
    }
  });
});

describe("each engine's words for a state error, with the same next step", () => {
  // As recorded in docs/ENGINE-NOTES.md; another engine version is skipped, saying so.
  const running: Record<string, RegExp> = {
    podman: /cannot remove container .* as it is running/,
    '1.41': /You cannot remove a running container/,
    '1.45':
      /cannot remove container "\/[^"]+": container is running: stop the container before removing or force remove/,
  };
  const paused: Record<string, RegExp> = {
    podman: /cannot remove container .* as it is paused/,
    '1.41': /You cannot remove a paused container/,
    '1.45': /cannot remove container "\/[^"]+": container is paused and must be unpaused first/,
  };

  it.for([
    [
      'running',
      running,
      'The container is running: stop it first (container_stop) or pass force: true.',
    ],
    [
      'paused',
      paused,
      'The container is paused: unpause it (container_unpause) and stop it first, or pass force: true to kill and remove it.',
    ],
  ] as const)('delete on a %s container', async ([state, wording, next], context) => {
    const words = wording[podman ? 'podman' : api];
    if (words === undefined) return context.skip(`no recorded wording for API ${api}`);
    const box = await createContainer();
    if (state === 'paused') await docker('POST', `/containers/${box.id}/pause`);
    const result = await call(session, 'container_delete', { id: box.name });
    expect(result.isError).toBe(true);
    const [headline, advice] = textOf(result).split('\n');
    expect(headline).toMatch(
      /^Engine error \[conflict\] \(HTTP (409|500) from DELETE \/containers\/\{id\}\): /,
    );
    expect(headline).toMatch(words);
    expect(advice).toBe(`Next: ${next}`);
    expect((await inspect(box.id))?.State.Status).toBe(state);
  });
});

/**
 * --allow-bind checked again when it matters, played out as the attack: B binds
 * ROOT/sub while sub does not exist (allowed), A binds ROOT, and an archive put into A makes
 * ROOT/sub a symlink to "/". Starting (or restarting) B would mount the host's root: the
 * server refuses, naming the bind and where it now resolves, and B never runs.
 */
import { lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  docker,
  inspect,
  removeTestContainers,
  TEST_IMAGE,
  testLabels,
  uniqueName,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { block, tar } from '../helpers/raw-tar.js';

let session: Session;
let guarded: Session;
let root: string;
const volume = uniqueName('vol');

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cmcp-root-'));
  mkdirSync(join(root, 'ok'));
  [session, guarded] = await Promise.all([
    startServer({ args: ['--allow-bind', root] }),
    startServer({
      args: ['--allow-bind', root, '--confirm', 'destructive', '--confirm-fallback', 'deny'],
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([session?.close(), guarded?.close()]);
  await removeTestContainers();
  await docker('DELETE', `/volumes/${volume}`);
  rmSync(root, { recursive: true, force: true });
});

async function create(binds: string[], more: Record<string, unknown> = {}): Promise<string> {
  const name = uniqueName('bind');
  const body = {
    Image: TEST_IMAGE,
    Cmd: ['sleep', '3600'],
    Labels: testLabels(),
    HostConfig: { NetworkMode: 'none', Binds: binds, ...more },
  };
  dataOf(await call(session, 'container_create', { name, body }));
  return name;
}

describe('host paths re-checked before a start', () => {
  let b: string;
  let a: string;
  const link = tar(block({ name: 'sub', typeflag: '2', linkname: '/' })).toString('base64');

  beforeAll(async () => {
    b = await create([`${join(root, 'sub')}:/data`]);
    a = await create([`${root}:/data`]);
  });

  it('a symlink into a bound directory is refused, then needs allow_links and a confirmation', async () => {
    const refused = await call(session, 'put_container_archive', {
      id: a,
      path: '/data',
      archive: link,
    });
    expect(textOf(refused)).toContain('archive entry "sub": is a symlink (-> /)');
    const denied = await call(guarded, 'put_container_archive', {
      id: a,
      path: '/data',
      archive: link,
      allow_links: true,
    });
    expect(textOf(denied)).toContain('Symlinks: /data/sub -> /');
    expect(() => lstatSync(join(root, 'sub'))).toThrow();
    // Allowed and confirmed (this server runs with --confirm none): the host now has the link.
    dataOf(
      await call(session, 'put_container_archive', {
        id: a,
        path: '/data',
        archive: link,
        allow_links: true,
      }),
    );
    expect(readlinkSync(join(root, 'sub'))).toBe('/');
  });

  it.each(['container_start', 'container_restart'])(
    '%s refuses a container whose bind now resolves outside, naming it',
    async (tool) => {
      const result = await call(session, tool, { id: b });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        [
          `${tool} refused by this server's policy: nothing was changed. The host paths ${b} mounts are checked again at every start (they can change after creation):`,
          `- HostConfig.Binds[0]: "${join(root, 'sub')}" mounts the host path / (from "${join(root, 'sub')}"), outside the host roots this server may mount (${root}); refused unless the server runs with --allow-bind / (or a parent directory); or use a named volume`,
        ].join('\n'),
      );
      const state = await inspect(b);
      expect(state?.State.Status).toBe('created');
    },
  );

  it('starts a container whose binds still resolve inside', async () => {
    const fine = await create([`${join(root, 'ok')}:/data`]);
    const started = dataOf<{ container: { running: boolean } }>(
      await call(session, 'container_start', { id: fine }),
    );
    expect(started.container.running).toBe(true);
  });

  it('follows a named local volume bound to a host path, whoever uses it', async () => {
    mkdirSync(join(root, 'volsrc'));
    // One container makes the volume (its device is under the root: allowed)...
    await create([], {
      Mounts: [
        {
          Type: 'volume',
          Source: volume,
          Target: '/v',
          VolumeOptions: {
            DriverConfig: { Options: { type: 'none', o: 'bind', device: join(root, 'volsrc') } },
          },
        },
      ],
    });
    // ...another uses it by name; then the device becomes a link to the host's root.
    const user = await create([`${volume}:/v`]);
    rmSync(join(root, 'volsrc'), { recursive: true });
    symlinkSync('/', join(root, 'volsrc'));
    const result = await call(session, 'container_start', { id: user });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      new RegExp(
        `- Mounts\\[0\\] \\(volume ${volume} at /v\\): "${join(root, 'volsrc')}" mounts the host path / `,
      ),
    );
    expect((await inspect(user))?.State.Status).toBe('created');
  });
});

/**
 * An archive put that changes what exists is an overwrite, played out as the attack:
 * entries for existing directories (etc/ at mode 0777 owned by 4242, srv/appdata/ at 0000)
 * next to new files. Every engine gives an existing directory its entry's mode and owner
 * (Podman the target directory's too, from a "./" entry), so such a put is guarded and its
 * preview says what changes ("/etc: mode 0755 -> 0777, owner 0:0 -> 4242:4242"); one whose
 * entries change nothing of what exists still runs at once. Podman's archive reports every
 * owner as 0:0, so there the owner before is unknown and any entry for an existing directory
 * is guarded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  isPodman,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { engineOwnership } from '../helpers/files.js';
import { confirmationOf } from '../helpers/confirmation.js';
import { call, dataOf, startServer, type Session } from '../helpers/mcp.js';
import { block, tar } from '../helpers/raw-tar.js';

let session: Session;
let podman: boolean;

const SETUP = 'mkdir -p /srv/appdata /app && ln -s /etc /app/link && exec sleep 3600';
const container = (): Promise<TestContainer> => createContainer({ cmd: ['sh', '-c', SETUP] });

beforeAll(async () => {
  [session, podman] = await Promise.all([
    startServer({ args: ['--confirm', 'destructive'] }),
    isPodman(),
  ]);
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

const dir = (name: string, mode: number, owner = 4242) =>
  block({ name, typeflag: '5', mode, uid: owner, gid: owner });
const file = (name: string) => block({ name, content: 'x', uid: 4242, gid: 4242 });
const archive = (...blocks: Buffer[]) => tar(...blocks).toString('base64');

/** "owner 0:0 -> ...", or on Podman, which does not say who owns what. */
const ownerBefore = () => (podman ? 'owner \\? \\(the engine does not say\\)' : 'owner 0:0');

describe('an archive put that re-owns existing directories', () => {
  it("is guarded and previewed as an overwrite (the issue's archive)", async () => {
    const target = await container();
    const args = {
      id: target.name,
      path: '/',
      archive: archive(
        dir('etc/', 0o777),
        file('etc/new-a'),
        dir('tmp/', 0o700),
        file('tmp/new-b'),
        dir('srv/', 0o755, 0),
        dir('srv/appdata/', 0o000),
        file('srv/appdata/new-c'),
      ),
    };
    const { preview, token } = confirmationOf(await call(session, 'put_container_archive', args));
    expect(preview).toMatch(/^Write into \/ in container .*: 3 created, \d overwritten/);
    expect(preview).toMatch(
      new RegExp(
        `Changes what exists \\(an overwrite\\): .*/etc: mode 0755 -> 0777, ${ownerBefore()} -> 4242:4242`,
      ),
    );
    expect(preview).toMatch(new RegExp(`/tmp: mode 1777 -> 0700, ${ownerBefore()} -> 4242:4242`));
    expect(preview).toMatch(
      new RegExp(`/srv/appdata: mode 0755 -> 0000, ${ownerBefore()} -> 4242:4242`),
    );
    // /srv's entry changes nothing there (only Podman cannot tell).
    expect(preview.includes('/srv: ')).toBe(podman);
    expect(await engineOwnership(target.id, '/etc')).toBe('0755 0:0 directory');
    expect(await engineOwnership(target.id, '/srv/appdata')).toBe('0755 0:0 directory');

    const done = dataOf<{ overwritten: number; entries: { path: string; changes?: string[] }[] }>(
      await call(session, 'put_container_archive', { ...args, confirm: token }),
    );
    expect(done.entries.find((e) => e.path === '/etc')?.changes).toEqual([
      'mode 0755 -> 0777',
      expect.stringMatching(/^owner .* -> 4242:4242$/),
    ]);
    expect(await engineOwnership(target.id, '/etc')).toBe('0777 4242:4242 directory');
  });

  it('is guarded when only the mode changes, or only the owner', async () => {
    const target = await container();
    for (const [entry, change] of [
      [dir('srv/', 0o700, 0), /\/srv: mode 0755 -> 0700/],
      [dir('srv/', 0o755, 1000), new RegExp(`/srv: ${ownerBefore()} -> 1000:1000`)],
    ] as const) {
      const { preview } = confirmationOf(
        await call(session, 'put_container_archive', {
          id: target.name,
          path: '/',
          archive: archive(entry, file('srv/new')),
        }),
      );
      expect(preview).toMatch(change);
    }
    expect(await engineOwnership(target.id, '/srv')).toBe('0755 0:0 directory');
  });

  it('says when an existing file becomes another type', async () => {
    const target = await container();
    const { preview } = confirmationOf(
      await call(session, 'put_container_archive', {
        id: target.name,
        path: '/app',
        files: [{ path: 'link', content: 'now a file' }],
      }),
    );
    expect(preview).toMatch(
      /Changes what exists \(an overwrite\): \/app\/link: type symlink -> file/,
    );
  });

  it("a './' entry re-owns the target directory on Podman, and nothing on dockerd", async () => {
    const target = await container();
    const args = {
      id: target.name,
      path: '/srv',
      archive: archive(dir('./', 0o777), file('fresh')),
    };
    const result = await call(session, 'put_container_archive', args);
    if (podman) {
      expect(confirmationOf(result).preview).toMatch(/\/srv: mode 0755 -> 0777, owner \?/);
      expect(await engineOwnership(target.id, '/srv')).toBe('0755 0:0 directory');
    } else {
      dataOf(result);
      expect(await engineOwnership(target.id, '/srv')).toBe('0755 0:0 directory');
    }
  });

  it('runs at once when its entries change nothing of what exists (dockerd)', async () => {
    const target = await container();
    const args = {
      id: target.name,
      path: '/',
      archive: archive(dir('srv/', 0o755, 0), file('srv/new-d')),
    };
    const result = await call(session, 'put_container_archive', args);
    if (podman) confirmationOf(result);
    else expect(dataOf<{ created: number }>(result).created).toBe(1);
    // New files alone never ask, on any engine.
    dataOf(
      await call(session, 'put_container_archive', {
        id: target.name,
        path: '/srv',
        files: [{ path: 'only-new.txt', content: 'x' }],
      }),
    );
  });

  it("with copy_uidgid, names the container's user when the owner after is the engine's to find", async () => {
    const target = await createContainer({ user: '1000:1000' });
    const { preview } = confirmationOf(
      await call(session, 'put_container_archive', {
        id: target.name,
        path: '/',
        archive: archive(dir('etc/', 0o755, 0), file('etc/x')),
        copy_uidgid: true,
      }),
    );
    expect(preview).toMatch(
      podman
        ? /\/etc: owner \? \(the engine does not say\) -> 1000:1000/
        : /\/etc: owner 0:0 -> the container's user "1000:1000" \(copy_uidgid\)/,
    );
  });
});

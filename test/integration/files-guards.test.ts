/**
 * put_container_archive against the real engine, tried as an attacker would: an archive
 * that writes through its own symlink, names that readers read differently, special files;
 * a write through a symlink the container already has (shown with where it really lands,
 * and guarded like an overwrite); symlinks only with allow_links. After each refusal the
 * engine is asked whether anything was written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, removeTestContainers, type TestContainer } from '../helpers/docker.js';
import { engineReadFile, engineStat, putFiles } from '../helpers/files.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { block, gnuLong, pax, tar } from '../helpers/raw-tar.js';

interface PutData {
  created: number;
  overwritten: number;
  entries: {
    path: string;
    action: string;
    resolved?: string;
    link_target?: string;
    as_sent: boolean;
    after?: { type: string; size: number };
  }[];
}

let session: Session;
let deny: Session;
let web: TestContainer;

beforeAll(async () => {
  web = await createContainer({ start: false });
  // The container's own symlink, as an image or a process would have made it.
  await putFiles(web.id, '/', [
    { name: 'app/', type: 'directory' },
    { name: 'app/lnk', type: 'symlink', linkname: '/etc' },
  ]);
  [session, deny] = await Promise.all([
    startServer(),
    startServer({ args: ['--confirm', 'destructive', '--confirm-fallback', 'deny'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([session?.close(), deny?.close()]);
  await removeTestContainers();
});

const put = (on: Session, args: Record<string, unknown>) =>
  call(on, 'put_container_archive', { id: web.name, path: '/app', ...args });
const archive = (...parts: Buffer[]) => tar(...parts).toString('base64');

describe('put_container_archive, tried as an attacker would', () => {
  it('refuses an archive that writes through a symlink it makes itself, links allowed or not', async () => {
    const through = archive(
      block({ name: 'lnk2', typeflag: '2', linkname: '/etc' }),
      block({ name: 'lnk2/victim.conf', content: 'owned' }),
    );
    const refused = await put(session, { archive: through });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain(
      'archive entry "lnk2": is a symlink (-> /etc); symlinks are written only with allow_links: true',
    );
    const allowed = await put(session, { archive: through, allow_links: true });
    expect(allowed.isError).toBe(true);
    expect(textOf(allowed)).toContain(
      'archive entry "lnk2/victim.conf": is under "lnk2", a symlink earlier in this archive: the engine would write through it',
    );
    expect(textOf(allowed)).toContain('Nothing was written.');
    expect(await engineStat(web.id, '/etc/victim.conf')).toBeUndefined();
    expect(await engineStat(web.id, '/app/lnk2')).toBeUndefined();
  });

  it('refuses names the engine would read differently from the header', async () => {
    const result = await put(session, {
      archive: archive(
        pax({ path: 'harmless.txt' }),
        gnuLong('other.txt'),
        block({ name: 'harmless.txt', content: 'x' }),
      ),
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      'archive entry "other.txt": its GNU long name "other.txt" and its PAX path "harmless.txt" differ',
    );
    expect(await engineStat(web.id, '/app/harmless.txt')).toBeUndefined();
    expect(await engineStat(web.id, '/app/other.txt')).toBeUndefined();
  });

  it('refuses devices, FIFOs, hard links out of the archive and setuid files, writing none', async () => {
    const result = await put(session, {
      archive: archive(
        block({ name: 'fine.txt', content: 'fine' }),
        block({ name: 'null', typeflag: '3' }),
        block({ name: 'fifo', typeflag: '6' }),
        block({ name: 'shadow', typeflag: '1', linkname: 'etc/shadow' }),
        block({ name: 'su', content: 'x', mode: 0o4755 }),
      ),
    });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    for (const expected of [
      'archive entry "null": is a character device',
      'archive entry "fifo": is a FIFO',
      'archive entry "shadow": is a hard link to "etc/shadow"',
      'archive entry "su": mode 4755 sets setuid or setgid',
    ])
      expect(text).toContain(expected);
    for (const name of ['fine.txt', 'null', 'fifo', 'shadow', 'su'])
      expect(await engineStat(web.id, `/app/${name}`), name).toBeUndefined();
  });
});

describe('writes through a symlink the container already has', () => {
  const args = { files: [{ path: 'lnk/victim.conf', content: 'through the link\n' }] };

  it('are guarded like an overwrite, previewed with where they really land', async () => {
    const denied = await put(deny, args);
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toContain('/app/lnk/victim.conf writes /etc/victim.conf');
    expect(await engineStat(web.id, '/etc/victim.conf')).toBeUndefined();
  });

  it('report, once written, what is really there and where', async () => {
    const data = dataOf<PutData>(await put(session, args));
    expect(data.entries).toEqual([
      expect.objectContaining({
        path: '/app/lnk/victim.conf',
        action: 'create',
        resolved: '/etc/victim.conf',
        as_sent: true,
        after: expect.objectContaining({ type: 'file', size: 17 }),
      }),
    ]);
    expect((await engineReadFile(web.id, '/etc/victim.conf')).toString()).toBe(
      'through the link\n',
    );
  });
});

describe('symlinks', () => {
  const link = {
    archive: archive(block({ name: 'to-tmp', typeflag: '2', linkname: '/tmp' })),
    allow_links: true,
  };

  it('need allow_links and a confirmation, whose preview names each link and its target', async () => {
    const denied = await put(deny, link);
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toContain('Symlinks: /app/to-tmp -> /tmp');
    expect(await engineStat(web.id, '/app/to-tmp')).toBeUndefined();
  });

  it('are written with allow_links, and reported as they are', async () => {
    const data = dataOf<PutData>(await put(session, link));
    expect(data.entries).toEqual([
      expect.objectContaining({
        path: '/app/to-tmp',
        link_target: '/tmp',
        as_sent: true,
        after: expect.objectContaining({ type: 'symlink' }),
      }),
    ]);
    expect((await engineStat(web.id, '/app/to-tmp'))?.linkTarget).toBe('/tmp');
  });
});

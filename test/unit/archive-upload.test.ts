/**
 * Uploaded archives read as the engine reads them (Go's archive/tar): names from GNU long
 * names, PAX paths and ustar prefixes resolved the same way, and every entry the issue lists
 * refused with a message naming it. Archives are built byte by byte here (what an attacker
 * would send) and by GNU tar (what people send).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readTarHeaders, type TarHeaderEntry } from '../../src/engine/tar-headers.js';
import { prepareArchive, prepareFiles } from '../../src/tools/files/upload.js';
import { block, gnuLong, pax, tar } from '../helpers/raw-tar.js';

async function headers(archive: Buffer): Promise<TarHeaderEntry[]> {
  const found: TarHeaderEntry[] = [];
  await readTarHeaders(Readable.from([archive]), (entry) => {
    found.push(entry);
    return 'next';
  });
  return found;
}

const problemsOf = async (archive: Buffer, allowLinks = false) => {
  const prepared = await prepareArchive(archive.toString('base64'), allowLinks);
  return prepared.ok ? [] : prepared.problems;
};

describe('tar headers, as the engine reads them', () => {
  it('applies the ustar prefix to ustar headers only (GNU headers keep other fields there)', async () => {
    const found = await headers(
      tar(
        block({ name: 'b.txt', prefix: 'a', content: 'x' }),
        block({ name: 'c.txt', prefix: 'ignored', magic: 'gnu' }),
      ),
    );
    expect(found.map((e) => e.name)).toEqual(['a/b.txt', 'c.txt']);
  });

  it('takes the GNU long name over the PAX path over the header, and keeps every source', async () => {
    const [entry] = await headers(
      tar(pax({ path: 'from-pax' }), gnuLong('from-gnu'), block({ name: 'from-header' })),
    );
    expect(entry).toMatchObject({
      name: 'from-gnu',
      sources: { header: 'from-header', gnuName: 'from-gnu', paxPath: 'from-pax' },
    });
  });

  it('gives header-only types no content whatever their size field says', async () => {
    const found = await headers(
      tar(
        block({ name: 'link', typeflag: '2', linkname: 'x', size: 512 }),
        block({ name: 'next.txt', content: 'n' }),
      ),
    );
    expect(found.map((e) => [e.name, e.size])).toEqual([
      ['link', 0],
      ['next.txt', 1],
    ]);
  });

  it('reads an old-style "\\0" type with a trailing slash as a directory, and PAX sizes', async () => {
    const found = await headers(
      tar(
        block({ name: 'd/', typeflag: '\0' }),
        pax({ size: '3' }),
        block({ name: 'f', content: 'abc', size: 0 }),
      ),
    );
    expect(found.map((e) => [e.name, e.typeflag, e.size])).toEqual([
      ['d/', '5', 0],
      ['f', '0', 3],
    ]);
  });

  it('reads what GNU tar writes, in each of its formats, with long names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmcp-tar-'));
    dirs.push(dir);
    const long = `${'d'.repeat(120)}/${'f'.repeat(110)}.txt`;
    mkdirSync(join(dir, 'src', 'd'.repeat(120)), { recursive: true });
    writeFileSync(join(dir, 'src', long), 'long');
    for (const format of ['gnu', 'posix', 'oldgnu']) {
      const archive = execFileSync('tar', [
        `--format=${format}`,
        '-C',
        join(dir, 'src'),
        '-cf',
        '-',
        '.',
      ]);
      const names = (await headers(archive)).map((e) => e.name);
      expect(names, format).toContain(`./${long}`);
      expect(await problemsOf(archive), format).toEqual([]);
    }
  });

  it('refuses damaged archives: a wrong checksum, a cut entry', async () => {
    const damaged = tar(block({ name: 'a', content: 'x' }));
    damaged[0] = 0x41;
    expect(await problemsOf(damaged)).toEqual([expect.stringContaining('wrong checksum')]);
    const cut = block({ name: 'a', content: 'x'.repeat(2000) }).subarray(0, 1024);
    expect(await problemsOf(cut)).toEqual([expect.stringContaining('ends in the middle')]);
  });
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('uploaded archives: what is refused, naming the entry', () => {
  it.each([
    [
      'an absolute name',
      tar(block({ name: '/etc/passwd' })),
      'archive entry "/etc/passwd": "/etc/passwd" is absolute',
    ],
    [
      'a ".." that stays inside',
      tar(block({ name: 'a/../b' })),
      'archive entry "a/../b": "a/../b" has a ".." part',
    ],
    ['a ".." that escapes', tar(block({ name: '../x' })), 'uses ".." to escape'],
    [
      'a GNU long name and a PAX path that differ',
      tar(pax({ path: 'safe.txt' }), gnuLong('other.txt'), block({ name: 'safe.txt' })),
      'its GNU long name "other.txt" and its PAX path "safe.txt" differ',
    ],
    [
      'two PAX headers before one entry',
      tar(pax({ path: 'a' }), pax({ path: 'b' }), block({ name: 'a' })),
      'has more than one PAX header before it',
    ],
    [
      'a PAX key given twice',
      tar(
        pax([
          ['path', 'a'],
          ['path', 'b'],
        ]),
        block({ name: 'a' }),
      ),
      'its PAX header gives "path" twice',
    ],
    [
      'a global PAX path',
      tar(pax({ path: 'x' }, 'g'), block({ name: 'a' })),
      'a global PAX header sets path',
    ],
    ['a character device', tar(block({ name: 'null', typeflag: '3' })), 'is a character device'],
    ['a block device', tar(block({ name: 'sda', typeflag: '4' })), 'is a block device'],
    ['a FIFO', tar(block({ name: 'pipe', typeflag: '6' })), 'is a FIFO'],
    ['an unknown type', tar(block({ name: 'v', typeflag: 'V' })), 'of tar type "V"'],
    [
      'a hard link out of the archive',
      tar(block({ name: 'h', typeflag: '1', linkname: 'etc/shadow' })),
      'is a hard link to "etc/shadow", which is not an earlier file of this archive',
    ],
    [
      'a symlink without allow_links',
      tar(block({ name: 'lnk', typeflag: '2', linkname: '/etc' })),
      'is a symlink (-> /etc); symlinks are written only with allow_links: true',
    ],
    [
      'extended attributes',
      tar(pax({ 'SCHILY.xattr.security.capability': 'x' }), block({ name: 'bin' })),
      'carries the extended attribute "security.capability"',
    ],
    ['a setuid file', tar(block({ name: 'su', mode: 0o4755 })), 'mode 4755 sets setuid or setgid'],
    [
      'a file named "."',
      tar(block({ name: '.', content: 'x' })),
      'names the target directory itself',
    ],
    [
      'a name that is not UTF-8',
      tar(block({ name: 'caf\xe9', latin1: true })),
      'is not valid UTF-8',
    ],
  ])('refuses %s', async (_what, archive, message) => {
    const problems = await problemsOf(archive);
    expect(problems).toEqual([expect.stringContaining(message)]);
  });

  it("reads each entry's mode and owner as the engine does (a PAX uid/gid over the header's), and the target directory's own entry", async () => {
    const archive = tar(
      block({ name: './', typeflag: '5', mode: 0o777, uid: 7, gid: 8 }),
      block({ name: 'etc/', typeflag: '5', mode: 0o700, uid: 4242, gid: 4243 }),
      pax({ uid: '100000', gid: '100001' }),
      block({ name: 'etc/x', content: 'x', mode: 0o600, uid: 1, gid: 1 }),
    );
    const prepared = await prepareArchive(archive.toString('base64'));
    expect(prepared.ok && prepared.entries).toEqual([
      { name: '', type: 'directory', size: 0, mode: 0o777, uid: 7, gid: 8 },
      { name: 'etc', type: 'directory', size: 0, mode: 0o700, uid: 4242, gid: 4243 },
      { name: 'etc/x', type: 'file', size: 1, mode: 0o600, uid: 100000, gid: 100001 },
    ]);
    expect(await problemsOf(tar(pax({ uid: 'root' }), block({ name: 'y', content: 'y' })))).toEqual(
      [expect.stringContaining('a PAX uid is not a number')],
    );
  });

  it('refuses, even with allow_links, entries under a symlink of the same archive', async () => {
    const archive = tar(
      block({ name: 'lnk', typeflag: '2', linkname: '/etc' }),
      block({ name: 'lnk/victim.conf', content: 'x' }),
    );
    expect(await problemsOf(archive, true)).toEqual([
      'archive entry "lnk/victim.conf": is under "lnk", a symlink earlier in this archive: the engine would write through it; put the entry at the link\'s real path instead',
    ]);
  });

  it('refuses a relative symlink that climbs out of the target directory (the engine would, midway)', async () => {
    const archive = tar(block({ name: 'a/l', typeflag: '2', linkname: '../../etc/passwd' }));
    expect(await problemsOf(archive, true)).toEqual([
      expect.stringContaining(
        'archive entry "a/l": is a symlink whose target "../../etc/passwd" climbs out',
      ),
    ]);
    const inside = tar(block({ name: 'a/l', typeflag: '2', linkname: '../b' }));
    expect(await problemsOf(inside, true)).toEqual([]);
  });

  it('refuses a link that would replace a directory earlier entries were written into', async () => {
    const archive = tar(
      block({ name: 'd/x', content: 'x' }),
      block({ name: 'd', typeflag: '2', linkname: '/' }),
    );
    expect(await problemsOf(archive, true)).toEqual([
      expect.stringContaining('archive entry "d": would replace a directory that earlier entries'),
    ]);
  });

  it('accepts links with allow_links, hard links to earlier files, and setgid directories', async () => {
    const prepared = await prepareArchive(
      tar(
        block({ name: 'shared/', typeflag: '5', mode: 0o2775 }),
        block({ name: 'shared/a.txt', content: 'a' }),
        block({ name: 'shared/b.txt', typeflag: '1', linkname: 'shared/a.txt' }),
        block({ name: 'current', typeflag: '2', linkname: 'shared' }),
      ).toString('base64'),
      true,
    );
    expect(prepared.ok && prepared.entries).toMatchObject([
      { name: 'shared', type: 'directory', size: 0 },
      { name: 'shared/a.txt', type: 'file', size: 1 },
      { name: 'shared/b.txt', type: 'hardlink', size: 0, linkTarget: 'shared/a.txt' },
      { name: 'current', type: 'symlink', size: 0, linkTarget: 'shared' },
    ]);
  });

  it('holds files to the same names and modes', async () => {
    const prepared = await prepareFiles([
      { path: 'a/../b', content: 'x', encoding: 'utf8' },
      { path: 'su', content: 'x', encoding: 'utf8', mode: '4755' },
    ]);
    expect(prepared.ok || prepared.problems).toEqual([
      'files[0].path: "a/../b" has a ".." part; write the name without it',
      expect.stringContaining('files[1].mode: "4755" sets setuid or setgid'),
    ]);
  });
});

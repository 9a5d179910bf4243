/** put_container_archive and container_export against the real engine, state checked after. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTestContainers, type TestContainer } from '../helpers/docker.js';
import {
  engineReadFile,
  engineStat,
  makeTar,
  putFiles,
  runningAndStopped,
} from '../helpers/files.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { previewOf } from '../helpers/preview.js';
import { Engine, resolveEngineAddress } from '../../src/engine/index.js';
import { putContainerArchive } from '../../src/tools/files/put-archive.js';

interface PutData {
  path: string;
  format: string;
  entries: {
    path: string;
    action: string;
    before?: { size: number };
    after?: { size: number; permissions: string };
  }[];
  created: number;
  overwritten: number;
  unchecked: number;
}
interface ExportData {
  saved?: { path: string; bytes: number; sha256: string };
  summary?: {
    entries: number;
    content_bytes: number;
    tar_bytes: number;
    top_level: { name: string; bytes: number; entries: number }[];
    largest_files: { path: string; bytes: number }[];
  };
}

let session: Session;
let bare: Session;
let web: TestContainer;
let stopped: TestContainer;
let exportDir: string;
let outside: string;

beforeAll(async () => {
  exportDir = mkdtempSync(join(tmpdir(), 'cmcp-export-'));
  outside = mkdtempSync(join(tmpdir(), 'cmcp-outside-'));
  symlinkSync(outside, join(exportDir, 'escape'));
  ({ running: web, stopped } = await runningAndStopped(
    [
      { name: 'app/existing.txt', content: 'old content\n' },
      { name: 'app/conf/', type: 'directory' },
      { name: 'payload/blob.bin', content: Buffer.alloc(300_000, 7) },
    ],
    [{ name: 'app/', type: 'directory' }],
  ));
  [session, bare] = await Promise.all([
    startServer({ args: ['--export-dir', exportDir] }),
    startServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([session?.close(), bare?.close()]);
  await removeTestContainers();
  rmSync(exportDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('put_container_archive', () => {
  it('creates new files and overwrites existing ones, reporting which, then what is there', async () => {
    const result = await call(session, 'put_container_archive', {
      id: web.name,
      path: '/app',
      files: [
        { path: 'existing.txt', content: 'new content, longer\n' },
        { path: 'new dir/naïve.sh', content: '#!/bin/sh\necho hi\n', mode: '0755' },
        {
          path: 'raw.bin',
          content: Buffer.from([0, 255, 1]).toString('base64'),
          encoding: 'base64',
        },
      ],
    });
    const data = dataOf<PutData>(result);
    expect(data.entries.map((e) => [e.path, e.action])).toEqual([
      ['/app/existing.txt', 'overwrite'],
      ['/app/new dir/naïve.sh', 'create'],
      ['/app/raw.bin', 'create'],
    ]);
    expect(data).toMatchObject({ created: 2, overwritten: 1, unchecked: 0, format: 'tar' });
    expect(data.entries[0]).toMatchObject({ before: { size: 12 }, after: { size: 20 } });
    expect(data.entries[1]?.after).toMatchObject({ permissions: '0755' });
    expect(textOf(result)).toContain('2 created, 1 overwritten');
    expect(textOf(result)).toContain('/app/existing.txt (overwritten; was file of 12 bytes)');
    // The engine's own view.
    expect((await engineReadFile(web.id, '/app/existing.txt')).toString()).toBe(
      'new content, longer\n',
    );
    expect((await engineReadFile(web.id, '/app/new dir/naïve.sh')).toString()).toBe(
      '#!/bin/sh\necho hi\n',
    );
    expect(await engineReadFile(web.id, '/app/raw.bin')).toEqual(Buffer.from([0, 255, 1]));
    expect(((await engineStat(web.id, '/app/new dir/naïve.sh'))?.mode ?? 0) & 0o777).toBe(0o755);
  });

  it('refuses absolute names and ".." escapes before anything is sent', async () => {
    const result = await call(session, 'put_container_archive', {
      id: web.name,
      path: '/app',
      files: [
        { path: 'fine.txt', content: 'would be fine' },
        { path: '../escaped.txt', content: 'x' },
        { path: '/etc/absolute.txt', content: 'x' },
        { path: 'a/../../b.txt', content: 'x' },
      ],
    });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain(
      'files[1].path: "../escaped.txt" uses ".." to escape the target directory',
    );
    expect(text).toContain('files[2].path: "/etc/absolute.txt" is absolute');
    expect(text).toContain('files[3].path: "a/../../b.txt" uses ".."');
    expect(text).toContain('Nothing was written.');
    for (const path of [
      '/app/fine.txt',
      '/escaped.txt',
      '/etc/absolute.txt',
      '/b.txt',
      '/app/b.txt',
    ])
      expect(await engineStat(web.id, path), path).toBeUndefined();
  });

  it('refuses an archive with an escaping entry, and sends a gzip archive as it is', async () => {
    const evil = await makeTar([
      { name: 'ok.txt', content: 'ok' },
      { name: '../../evil.txt', content: 'evil' },
    ]);
    const refused = await call(session, 'put_container_archive', {
      id: web.name,
      path: '/app',
      archive: evil.toString('base64'),
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('archive entry "../../evil.txt"');
    expect(await engineStat(web.id, '/app/ok.txt')).toBeUndefined();
    expect(await engineStat(web.id, '/evil.txt')).toBeUndefined();

    const good = gzipSync(
      await makeTar([
        { name: './gz/', type: 'directory' },
        { name: './gz/one.txt', content: 'one' },
      ]),
    );
    const data = dataOf<PutData>(
      await call(session, 'put_container_archive', {
        id: web.name,
        path: '/app',
        archive: good.toString('base64'),
      }),
    );
    expect(data.format).toBe('gzip');
    expect(data.entries.map((e) => [e.path, e.action])).toEqual([
      ['/app/gz', 'create'],
      ['/app/gz/one.txt', 'create'],
    ]);
    expect((await engineReadFile(web.id, '/app/gz/one.txt')).toString()).toBe('one');
  });

  it('refuses archives it cannot check: bzip2, xz, not a tar, not base64', async () => {
    const bzip2 = Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(64)]);
    const cases: [string, string][] = [
      [bzip2.toString('base64'), 'bzip2-compressed'],
      [Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0, 0, 4]).toString('base64'), 'xz-compressed'],
      [Buffer.from('hello, not a tar at all').toString('base64'), 'is not a tar archive'],
      ['not*base64!', 'is not valid base64'],
    ];
    for (const [archive, message] of cases) {
      const result = await call(session, 'put_container_archive', {
        id: web.name,
        path: '/app',
        archive,
      });
      expect(result.isError, message).toBe(true);
      expect(textOf(result)).toContain(message);
    }
    const both = await call(session, 'put_container_archive', { id: web.name, path: '/app' });
    expect(textOf(both)).toContain('give exactly one of files or archive');
  });

  it('refuses to put a file over a directory unless told to, before sending', async () => {
    const args = { id: web.name, path: '/app', files: [{ path: 'conf', content: 'a file now' }] };
    const refused = await call(session, 'put_container_archive', args);
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('/app/conf is a directory and the upload has a file there');
    expect((await engineStat(web.id, '/app/conf'))?.mode ?? 0).toBeGreaterThanOrEqual(2 ** 31);
    const replaced = dataOf<PutData>(
      await call(session, 'put_container_archive', { ...args, no_overwrite_dir_non_dir: false }),
    );
    expect(replaced.entries[0]).toMatchObject({ action: 'replace' });
    expect((await engineReadFile(web.id, '/app/conf')).toString()).toBe('a file now');
  });

  it('needs an existing target directory', async () => {
    const missing = await call(session, 'put_container_archive', {
      id: web.name,
      path: '/nowhere/deep',
      files: [{ path: 'x', content: 'x' }],
    });
    expect(missing.isError).toBe(true);
    // Named as the caller named it, not by the full id the call resolved it to.
    expect(textOf(missing)).toContain(
      `the target directory /nowhere/deep does not exist in ${web.name}.`,
    );
    const file = await call(session, 'put_container_archive', {
      id: web.name,
      path: '/app/existing.txt',
      files: [{ path: 'x', content: 'x' }],
    });
    expect(textOf(file)).toContain(`/app/existing.txt in ${web.name} is a file, not a directory`);
  });

  it('writes into a stopped container', async () => {
    const data = dataOf<PutData>(
      await call(session, 'put_container_archive', {
        id: stopped.name,
        path: '/app',
        files: [{ path: 'cold.txt', content: 'written while stopped' }],
      }),
    );
    expect(data.created).toBe(1);
    expect((await engineReadFile(stopped.id, '/app/cold.txt')).toString()).toBe(
      'written while stopped',
    );
  });
});

describe('put_container_archive preview (for the confirmation layer)', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = new Engine(resolveEngineAddress());
  });
  afterAll(() => engine.close());

  const preview = (args: Record<string, unknown>) => previewOf(putContainerArchive, args, engine);

  it('is not destructive when every file is new, and writes nothing', async () => {
    const result = await preview({
      id: web.name,
      path: '/app',
      files: [{ path: 'preview-only.txt', content: 'x' }],
    });
    expect(result.effects).toEqual([]);
    expect(result.summary).toContain('Creates: /app/preview-only.txt');
    expect(await engineStat(web.id, '/app/preview-only.txt')).toBeUndefined();
  });

  it('names a file a directory would replace', async () => {
    await putFiles(web.id, '/app', [{ name: 'swapped', content: 'a file' }]);
    const archive = await makeTar([{ name: 'swapped/', type: 'directory' }]);
    const result = await preview({
      id: web.name,
      path: '/app',
      archive: archive.toString('base64'),
      no_overwrite_dir_non_dir: false,
    });
    expect(result.summary).toContain('1 replaced (file/directory swapped)');
    expect(result.summary).toMatch(/Overwrites: \/app\/swapped \(file, 6B, modified /);
  });

  it('names the files it would overwrite, bound to their current state', async () => {
    await putFiles(web.id, '/app', [{ name: 'victim.txt', content: '12345' }]);
    const result = await preview({
      id: web.name,
      path: '/app',
      files: [
        { path: 'victim.txt', content: 'replaced' },
        { path: 'fresh.txt', content: 'new' },
      ],
    });
    expect(result.effects).toEqual(['destroys']);
    expect(result.summary).toContain('1 created, 1 overwritten');
    expect(result.summary).toMatch(/Overwrites: \/app\/victim\.txt \(file, 5B, modified /);
    expect(result.state).toMatchObject({
      container: web.name,
      path: '/app',
      entries: [
        { path: '/app/victim.txt', action: 'overwrite', size: 5 },
        { path: '/app/fresh.txt', action: 'create' },
      ],
    });
    expect((await engineReadFile(web.id, '/app/victim.txt')).toString()).toBe('12345');
  });
});

describe('container_export', () => {
  it('summarises the exported filesystem without saving it', async () => {
    const result = await call(bare, 'container_export', { id: web.name });
    const summary = dataOf<ExportData>(result).summary;
    expect(summary?.entries).toBeGreaterThan(20);
    expect(summary?.tar_bytes).toBeGreaterThan(summary?.content_bytes ?? Infinity);
    expect(summary?.top_level.find((t) => t.name === 'payload')).toEqual({
      name: 'payload',
      bytes: 300_000,
      entries: 2,
    });
    expect(summary?.largest_files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['/bin/busybox', '/payload/blob.bin']),
    );
    expect(textOf(result)).toMatch(/^\/payload +300kB +2$/m);
    expect(readdirSync(exportDir).filter((f) => f !== 'escape')).toEqual([]);
  });

  it('saves the tar inside --export-dir, with its size and sha256', async () => {
    const data = dataOf<ExportData>(
      await call(session, 'container_export', { id: stopped.name, save_to: 'stopped.tar' }),
    );
    const file = readFileSync(join(exportDir, 'stopped.tar'));
    expect(data.saved).toEqual({
      path: join(exportDir, 'stopped.tar'),
      bytes: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
    const again = await call(session, 'container_export', {
      id: stopped.name,
      save_to: join(exportDir, 'stopped.tar'),
    });
    expect(again.isError).toBe(true);
    expect(textOf(again)).toContain('already exists');
  });

  it('refuses save_to outside --export-dir, through "..", absolute paths or symlinks', async () => {
    for (const saveTo of ['../out.tar', join(outside, 'out.tar'), 'escape/out.tar']) {
      const result = await call(session, 'container_export', { id: web.name, save_to: saveTo });
      expect(result.isError, saveTo).toBe(true);
      expect(textOf(result)).toContain(`outside the export directory`);
    }
    expect(readdirSync(outside)).toEqual([]);
    const noDir = await call(session, 'container_export', {
      id: web.name,
      save_to: 'sub/none.tar',
    });
    expect(textOf(noDir)).toContain('does not exist');
  });

  it('refuses save_to when the server has no --export-dir, saying how to enable it', async () => {
    const result = await call(bare, 'container_export', { id: web.name, save_to: '/tmp/x.tar' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('start the server with --export-dir DIR');
  });

  it('reports a missing container and leaves no file behind', async () => {
    const result = await call(session, 'container_export', {
      id: 'cmcp-no-such',
      save_to: 'none.tar',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('No such container: cmcp-no-such');
    expect(readdirSync(exportDir)).not.toContain('none.tar');
  });
});

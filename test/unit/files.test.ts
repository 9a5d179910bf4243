import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  normalizeContainerPath,
  normalizeRelativeName,
  PathError,
} from '../../src/engine/container-path.js';
import { EngineError } from '../../src/engine/errors.js';
import {
  decodePathStat,
  permissionsFromGoMode,
  typeFromGoMode,
} from '../../src/engine/file-info.js';
import { readEntry, scanTar, type TarVerdict } from '../../src/engine/tar-read.js';
import { summarizeTar } from '../../src/engine/tar-summary.js';
import { packFiles } from '../../src/engine/tar-write.js';
import { displayName, modeString, octalPermissions } from '../../src/render/files.js';
import { asText, asTextSlice, fileContent, mimeTypeFor } from '../../src/render/mime.js';
import { parseByteSize } from '../../src/render/units.js';
import { fileUri } from '../../src/containers/file-uri.js';
import { parseFileVariables } from '../../src/resources/uri.js';
import { prepareArchive, prepareFiles } from '../../src/tools/files/upload.js';
import { makeTar } from '../helpers/files.js';

describe('container paths', () => {
  it('normalises absolute paths', () => {
    expect(normalizeContainerPath('/')).toBe('/');
    expect(normalizeContainerPath('/etc/')).toBe('/etc');
    expect(normalizeContainerPath('//etc//nginx/./conf.d/../nginx.conf')).toBe(
      '/etc/nginx/nginx.conf',
    );
    expect(normalizeContainerPath('/a/b/../..')).toBe('/');
  });

  it('refuses relative paths, NUL, and ".." above the root', () => {
    expect(() => normalizeContainerPath('etc/hosts')).toThrow(
      '"etc/hosts" is relative; give an absolute path such as "/etc/hosts"',
    );
    expect(() => normalizeContainerPath('')).toThrow(PathError);
    expect(() => normalizeContainerPath('/etc/\0x')).toThrow('NUL');
    expect(() => normalizeContainerPath('/..')).toThrow('climb above the root');
    expect(() => normalizeContainerPath('/a/../../etc')).toThrow('climb above the root');
    expect(() => normalizeContainerPath(`/${'a'.repeat(5000)}`)).toThrow('longer than 4096');
  });

  it('checks names relative to a target directory', () => {
    expect(normalizeRelativeName('conf/app.ini')).toBe('conf/app.ini');
    expect(normalizeRelativeName('./conf//app.ini')).toBe('conf/app.ini');
    expect(() => normalizeRelativeName('a/../b')).toThrow('has a ".." part');
    expect(normalizeRelativeName('./')).toBe('');
    expect(() => normalizeRelativeName('/etc/passwd')).toThrow(
      'is absolute; names are relative to the target directory, e.g. "etc/passwd"',
    );
    expect(() => normalizeRelativeName('../x')).toThrow('escape the target directory');
    expect(() => normalizeRelativeName('a/../../x')).toThrow('escape the target directory');
  });
});

describe('the engine stat header (Go os.FileMode)', () => {
  it('decodes type bits, including bit 31 for directories', () => {
    expect(typeFromGoMode(2 ** 31 + 0o755)).toBe('directory');
    expect(typeFromGoMode(2 ** 27 + 0o777)).toBe('symlink');
    expect(typeFromGoMode(2 ** 26 + 2 ** 21 + 0o666)).toBe('char-device');
    expect(typeFromGoMode(2 ** 26 + 0o660)).toBe('block-device');
    expect(typeFromGoMode(2 ** 25 + 0o644)).toBe('pipe');
    expect(typeFromGoMode(2 ** 24 + 0o755)).toBe('socket');
    expect(typeFromGoMode(0o644)).toBe('file');
    expect(permissionsFromGoMode(2 ** 31 + 2 ** 20 + 0o777)).toBe(0o1777);
    expect(permissionsFromGoMode(2 ** 23 + 0o755)).toBe(0o4755);
    expect(permissionsFromGoMode(2 ** 22 + 0o755)).toBe(0o2755);
  });

  it('decodes the header the engine sends for a symlink', () => {
    // Captured from Docker 20.10: /data/link -> a.txt
    const header =
      'eyJuYW1lIjoibGluayIsInNpemUiOjUsIm1vZGUiOjEzNDIxODIzOSwibXRpbWUiOiIyMDI2LTExLTI2VDIzOjMxOjI5LjE4NTE0Njg1OFoiLCJsaW5rVGFyZ2V0IjoiL2RhdGEvYS50eHQifQ==';
    expect(decodePathStat(header)).toEqual({
      name: 'link',
      type: 'symlink',
      size: 5,
      permissions: 0o777,
      mtime: '2026-11-26T23:31:29.185146858Z',
      linkTarget: '/data/a.txt',
    });
    expect(() => decodePathStat(undefined)).toThrow(EngineError);
    expect(() => decodePathStat('not base64 json')).toThrow(
      'no readable X-Docker-Container-Path-Stat',
    );
  });
});

describe('rendering files', () => {
  it('prints modes and permissions as ls and chmod do', () => {
    expect(octalPermissions(0o644)).toBe('0644');
    expect(modeString({ type: 'directory', permissions: 0o1777 })).toBe('drwxrwxrwt');
    expect(modeString({ type: 'file', permissions: 0o4754 })).toBe('-rwsr-xr--');
    expect(modeString({ type: 'file', permissions: 0o2644 })).toBe('-rw-r-Sr--');
    expect(displayName({ name: 'sub', type: 'directory' })).toBe('sub/');
    expect(displayName({ name: 'l', type: 'symlink', linkTarget: '/x' })).toBe('l -> /x');
  });

  it('tells text from binary and picks a MIME type', () => {
    expect(asText(Buffer.from('héllo'))).toBe('héllo');
    expect(asText(Buffer.from([0x68, 0x00]))).toBeUndefined();
    expect(asText(Buffer.from([0xff, 0xfe]))).toBeUndefined();
    expect(mimeTypeFor('/etc/app.JSON', true)).toBe('application/json');
    expect(mimeTypeFor('/etc/hosts', true)).toBe('text/plain');
    expect(mimeTypeFor('/bin/sh', false)).toBe('application/octet-stream');
    expect(fileContent('/x.png', Buffer.from([0x89, 0x50]))).toEqual({
      mimeType: 'image/png',
      blob: 'iVA=',
    });
  });

  it('keeps text slices cut mid-character as text, saying what was dropped', () => {
    const euro = Buffer.from('€€'); // e2 82 ac e2 82 ac
    expect(asTextSlice(euro.subarray(0, 4), false, true)).toEqual({ text: '€', head: 0, tail: 1 });
    expect(asTextSlice(euro.subarray(1), true, false)).toEqual({ text: '€', head: 2, tail: 0 });
    expect(asTextSlice(euro.subarray(0, 4), false, false)).toBeUndefined();
    expect(asTextSlice(Buffer.from([0, 1, 2]), true, true)).toBeUndefined();
    expect(asTextSlice(Buffer.from('plain'), true, true)).toEqual({
      text: 'plain',
      head: 0,
      tail: 0,
    });
  });

  it('parses sizes for --max-file-bytes', () => {
    expect(parseByteSize('1048576')).toBe(1048576);
    expect(parseByteSize('512KiB')).toBe(512 * 1024);
    expect(parseByteSize('4M')).toBe(4 * 1024 * 1024);
    expect(parseByteSize('2MB')).toBe(2_000_000);
    expect(parseByteSize('1.5 MiB')).toBe(1.5 * 1024 * 1024);
    expect(parseByteSize('lots')).toBeUndefined();
    expect(parseByteSize('5 parsecs')).toBeUndefined();
  });
});

describe('resource URIs', () => {
  it('encodes every path segment and decodes variables exactly once', () => {
    expect(fileUri('web', '/a b/ü%.txt')).toBe('container://web/a%20b/%C3%BC%25.txt');
    expect(parseFileVariables({ id: 'web', path: '/a%20b/%C3%BC%25.txt' })).toEqual({
      id: 'web',
      path: '/a b/ü%.txt',
    });
    // %2541 decodes once to "%41", not twice to "A".
    expect(parseFileVariables({ id: 'web', path: '/%2541' }).path).toBe('/%41');
    expect(() => parseFileVariables({ id: 'we b', path: '/' })).toThrow('not a container name');
    expect(() => parseFileVariables({ id: 'web', path: '/x/%2E%2E/%2E%2E/etc' })).toThrow(
      'climb above the root',
    );
  });
});

describe('tar streams', () => {
  it('reads a slice of an entry and stops the source', async () => {
    const tar = await makeTar([
      { name: 'a.txt', content: 'abcdefghij' },
      { name: 'b.txt', content: 'second' },
    ]);
    const source = Readable.from([tar]);
    const seen: string[] = [];
    const result = await scanTar(source, async ({ info, content }): Promise<TarVerdict> => {
      seen.push(info.name);
      const slice = await readEntry(content, 4, 3);
      expect(slice).toEqual({ data: Buffer.from('defg'), more: true });
      return 'stop';
    });
    expect(seen).toEqual(['a.txt']);
    expect(result.complete).toBe(false);
    expect(source.destroyed).toBe(true);
  });

  it('reads whole small entries and skips unread content', async () => {
    const tar = await packFiles([
      { name: 'one', content: Buffer.from('1'), mode: 0o600 },
      { name: 'dir/two', content: Buffer.alloc(2000, 2), mode: 0o644 },
      { name: 'three', content: Buffer.from('333'), mode: 0o644 },
    ]);
    const read: [string, string, number][] = [];
    const result = await scanTar(
      Readable.from([tar]),
      async ({ info, content }): Promise<TarVerdict> => {
        if (info.name === 'dir/two') return 'next';
        const { data, more } = await readEntry(content, 100);
        expect(more).toBe(false);
        read.push([info.name, data.toString(), info.permissions]);
        return 'next';
      },
    );
    expect(read).toEqual([
      ['one', '1', 0o600],
      ['three', '333', 0o644],
    ]);
    expect(result).toEqual({ complete: true, bytes: tar.length });
  });

  it('summarises a tar: per top-level sizes and the largest files', async () => {
    const tar = await makeTar([
      { name: 'bin/', type: 'directory' },
      { name: 'bin/big', content: Buffer.alloc(5000) },
      { name: 'bin/small', content: Buffer.alloc(10) },
      { name: 'etc/', type: 'directory' },
      { name: 'etc/conf', content: Buffer.alloc(300) },
      { name: 'etc/link', type: 'symlink', linkname: 'conf' },
      { name: '.dockerenv', content: '' },
    ]);
    const summary = await summarizeTar(Readable.from([tar]), { topLevel: 2, largestFiles: 2 });
    expect(summary).toMatchObject({
      entries: 7,
      types: { directory: 2, file: 4, symlink: 1 },
      contentBytes: 5310,
      tarBytes: tar.length,
      topLevel: [
        { name: 'bin', bytes: 5010, entries: 3 },
        { name: 'etc', bytes: 300, entries: 3 },
      ],
      topLevelCount: 3,
      largestFiles: [
        { path: '/bin/big', bytes: 5000 },
        { path: '/etc/conf', bytes: 300 },
      ],
    });
  });
});

describe('uploads, checked before anything is sent', () => {
  it('packs files, refusing duplicates, bad base64 and names outside the target', async () => {
    const ok = await prepareFiles([
      { path: './conf/app.ini', content: 'a=1', encoding: 'utf8', mode: '600' },
      { path: 'bin.dat', content: 'AAEC', encoding: 'base64' },
    ]);
    // Packed as root's, with the mode asked for (0644 by default).
    expect(ok.ok && ok.entries).toEqual([
      { name: 'conf/app.ini', type: 'file', size: 3, mode: 0o600, uid: 0, gid: 0 },
      { name: 'bin.dat', type: 'file', size: 3, mode: 0o644, uid: 0, gid: 0 },
    ]);
    const refused = await prepareFiles([
      { path: 'a', content: 'x', encoding: 'utf8' },
      { path: './a', content: 'y', encoding: 'utf8' },
      { path: 'b', content: '!!', encoding: 'base64' },
      { path: '.', content: 'z', encoding: 'utf8' },
    ]);
    expect(refused.ok || refused.problems).toEqual([
      'files[1].path: "a" appears twice',
      'files[2].content: is not valid base64 (encoding is "base64")',
      'files[3].path: names the target directory, not a file',
    ]);
  });

  it('reads the names of a plain or gzip archive, and refuses escaping hard links', async () => {
    const tar = await makeTar([
      { name: './dir/', type: 'directory' },
      { name: './dir/x', content: 'x' },
    ]);
    const gz = await prepareArchive(gzipSync(tar).toString('base64'));
    expect(gz.ok && [gz.format, gz.entries]).toEqual([
      'gzip',
      [
        { name: 'dir', type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0 },
        { name: 'dir/x', type: 'file', size: 1, mode: 0o644, uid: 0, gid: 0 },
      ],
    ]);
    const link = await makeTar([
      { name: './dir/', type: 'directory' },
      { name: './dir/x', type: 'link', linkname: '../../etc/shadow' },
    ]);
    const refused = await prepareArchive(link.toString('base64'));
    expect(refused.ok || refused.problems).toEqual([
      'archive entry "./dir/x": is a hard link to "../../etc/shadow", which is not an earlier file of this archive; hard links may only point to files the archive itself writes',
    ]);
  });
});

/** container_archive_info and container_archive through a real MCP client. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTestContainers, type TestContainer } from '../helpers/docker.js';
import { runningAndStopped } from '../helpers/files.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { rowsOf } from '../helpers/rows.js';

/** The container:// URI an answer links (its resource_link). */
function linkOf(result: CallToolResult): string {
  const link = result.content.find((c) => c.type === 'resource_link');
  return link?.type === 'resource_link' ? link.uri : '';
}

interface Stat {
  name: string;
  type: string;
  size: number;
  permissions: string;
  mode: string;
  mtime?: string;
  link_target?: string;
}
interface InfoData {
  container: string;
  path: string;
  stat: Stat;
}
interface ArchiveData {
  path: string;
  uri?: string;
  stat: Stat;
  columns?: string[];
  entries?: string[][];
  left_out?: string;
  content?: {
    offset: number;
    length: number;
    size: number;
    next_offset?: number;
    encoding: 'utf8' | 'base64';
    mime_type: string;
    data: string;
  };
}

const BINARY = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]);
// 3 bytes per character: slices at most offsets cut a character in two.
const WIDE = '€'.repeat(100);

let session: Session;
let web: TestContainer;
let stopped: TestContainer;

beforeAll(async () => {
  ({ running: web, stopped } = await runningAndStopped(
    [
      { name: 'srv/app.ini', content: '[app]\nport = 8080\n', mode: 0o640 },
      { name: 'srv/bin.dat', content: BINARY },
      { name: 'srv/wide.txt', content: WIDE },
      { name: 'srv/run.sh', content: '#!/bin/sh\n', mode: 0o4755 },
      { name: 'srv/current', type: 'symlink', linkname: 'app.ini' },
      { name: 'srv/ünï côde/file one.txt', content: 'spaced\n' },
      ...Array.from({ length: 210 }, (_, i) => ({ name: `lots/${i}.txt`, content: '' })),
    ],
    [{ name: 'srv/app.ini', content: 'stopped\n' }],
  ));
  session = await startServer();
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

describe('container_archive_info', () => {
  it('decodes the stat header: type, size, octal permissions, mtime', async () => {
    const file = dataOf<InfoData>(
      await call(session, 'container_archive_info', { id: web.name, path: '/srv/app.ini' }),
    );
    expect(file).toMatchObject({
      container: web.name,
      path: '/srv/app.ini',
      stat: { name: 'app.ini', type: 'file', size: 18, permissions: '0640', mode: '-rw-r-----' },
    });
    expect(Date.parse(file.stat.mtime ?? '')).toBeGreaterThan(Date.now() - 3600_000);
    const dir = dataOf<InfoData>(
      await call(session, 'container_archive_info', { id: web.name, path: '/srv/' }),
    );
    expect(dir.stat).toMatchObject({ type: 'directory', permissions: '0755', mode: 'drwxr-xr-x' });
    const setuid = dataOf<InfoData>(
      await call(session, 'container_archive_info', { id: web.name, path: '/srv/run.sh' }),
    );
    expect(setuid.stat).toMatchObject({ permissions: '4755', mode: '-rwsr-xr-x' });
  });

  it('reports a symlink and its target without following it', async () => {
    const result = await call(session, 'container_archive_info', {
      id: web.name,
      path: '/srv/current',
    });
    expect(dataOf<InfoData>(result).stat).toMatchObject({
      type: 'symlink',
      link_target: '/srv/app.ini',
    });
    expect(textOf(result)).toContain('/srv/current -> /srv/app.ini');
  });

  it('normalises the path and refuses relative ones', async () => {
    const ok = dataOf<InfoData>(
      await call(session, 'container_archive_info', { id: web.name, path: '/srv/./x/../app.ini' }),
    );
    expect(ok.path).toBe('/srv/app.ini');
    const relative = await call(session, 'container_archive_info', {
      id: web.name,
      path: 'srv/app.ini',
    });
    expect(relative.isError).toBe(true);
    expect(textOf(relative)).toContain(
      'path: "srv/app.ini" is relative; give an absolute path such as "/srv/app.ini"',
    );
  });

  it('tells a missing path from a missing container', async () => {
    const path = await call(session, 'container_archive_info', { id: web.name, path: '/srv/nope' });
    expect(path.isError).toBe(true);
    expect(textOf(path)).toContain(`/srv/nope does not exist in container ${web.name}`);
    expect(textOf(path)).toContain('"path": "/srv"');
    const container = await call(session, 'container_archive_info', {
      id: 'cmcp-nope-nope',
      path: '/',
    });
    expect(container.isError).toBe(true);
    expect(textOf(container)).toContain('No such container: cmcp-nope-nope');
  });
});

describe('container_archive', () => {
  it("returns a small file's content inline with a resource_link", async () => {
    const result = await call(session, 'container_archive', { id: web.name, path: '/srv/app.ini' });
    const data = dataOf<ArchiveData>(result);
    expect(data.content).toEqual({
      offset: 0,
      length: 18,
      size: 18,
      encoding: 'utf8',
      mime_type: 'text/plain',
      data: '[app]\nport = 8080\n',
    });
    expect(textOf(result)).toContain(
      '--- bytes 0-18 of 18, text/plain ---\n[app]\nport = 8080\n--- end ---',
    );
    const link = result.content.find((c) => c.type === 'resource_link');
    expect(link).toMatchObject({ uri: `container://${web.name}/srv/app.ini`, name: 'app.ini' });
    // The link resolves: the same content through resources/read.
    const read = await session.client.readResource({ uri: linkOf(result) });
    expect(read.contents[0]).toMatchObject({ text: '[app]\nport = 8080\n' });
  });

  it('returns binary content as base64', async () => {
    const data = dataOf<ArchiveData>(
      await call(session, 'container_archive', { id: web.name, path: '/srv/bin.dat' }),
    );
    expect(data.content).toMatchObject({ encoding: 'base64', data: BINARY.toString('base64') });
  });

  it('reads a file in slices, keeping split UTF-8 characters whole', async () => {
    const first = dataOf<ArchiveData>(
      await call(session, 'container_archive', {
        id: web.name,
        path: '/srv/wide.txt',
        length: 100,
      }),
    );
    // 100 bytes end inside the 34th character: 33 whole characters (99 bytes) come back.
    expect(first.content).toMatchObject({
      offset: 0,
      length: 99,
      size: 300,
      next_offset: 99,
      encoding: 'utf8',
    });
    expect(first.content?.data).toBe('€'.repeat(33));
    expect(first.left_out).toBe('201 more bytes: call again with offset: 99');
    const second = dataOf<ArchiveData>(
      await call(session, 'container_archive', {
        id: web.name,
        path: '/srv/wide.txt',
        offset: 100,
        length: 1000,
      }),
    );
    // Offset 100 is mid-character: the slice starts at the next whole one (102).
    expect(second.content).toMatchObject({ offset: 102, length: 198, encoding: 'utf8' });
    expect(second.content).not.toHaveProperty('next_offset');
    expect(second.content?.data).toBe('€'.repeat(66));
  });

  it("lists a directory's archive entries, links and all", async () => {
    const result = await call(session, 'container_archive', { id: web.name, path: '/srv' });
    const data = dataOf<ArchiveData>(result);
    expect(data.content).toBeUndefined();
    // The column names once, then each entry's values, as `ls -l` shows them.
    expect(data.columns).toEqual(['mode', 'size', 'modified', 'name']);
    const entries = rowsOf({ columns: data.columns ?? [] }, data.entries ?? []);
    expect(entries.map((e) => e.name)).toEqual([
      'srv/',
      'srv/app.ini',
      'srv/bin.dat',
      'srv/current -> app.ini',
      'srv/run.sh',
      'srv/wide.txt',
      'srv/ünï côde/',
      'srv/ünï côde/file one.txt',
    ]);
    expect(entries.find((e) => e.name?.startsWith('srv/current'))?.mode).toBe('lrwxrwxrwx');
    expect(data.uri).toBe(`container://${web.name}/srv`);
    expect(textOf(result)).toContain('srv/current -> app.ini');
    expect(textOf(result)).toContain(`Resource: container://${web.name}/srv`);
  });

  it('caps the entries and says so', async () => {
    const result = await call(session, 'container_archive', { id: web.name, path: '/lots' });
    const data = dataOf<ArchiveData>(result);
    expect(data.entries).toHaveLength(200);
    expect(data.left_out).toMatch(/^only the first 200 entries are shown: ask for a subdirectory/);
    expect(textOf(result)).toContain(data.left_out);
  });

  it('reads names with spaces and non-ASCII characters, and links the encoded URI', async () => {
    const result = await call(session, 'container_archive', {
      id: web.name,
      path: '/srv/ünï côde/file one.txt',
    });
    const data = dataOf<ArchiveData>(result);
    expect(data.content?.data).toBe('spaced\n');
    const uri = linkOf(result);
    expect(uri).toBe(`container://${web.name}/srv/%C3%BCn%C3%AF%20c%C3%B4de/file%20one.txt`);
    const read = await session.client.readResource({ uri });
    expect(read.contents[0]).toMatchObject({ text: 'spaced\n' });
  });

  it('reads from a stopped container', async () => {
    const data = dataOf<ArchiveData>(
      await call(session, 'container_archive', { id: stopped.name, path: '/srv/app.ini' }),
    );
    expect(data.content?.data).toBe('stopped\n');
  });

  it('reports a missing path with the next step', async () => {
    const result = await call(session, 'container_archive', {
      id: web.name,
      path: '/srv/missing/file',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`/srv/missing/file does not exist in container ${web.name}`);
  });

  it('refuses a slice larger than the maximum', async () => {
    const result: CallToolResult = await call(session, 'container_archive', {
      id: web.name,
      path: '/srv/app.ini',
      length: 1_000_000,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('length');
  });
});

/**
 * Container files as resources (container://{id}{+path}), with listing and completion,
 * through the SDK client against the real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_NOT_FOUND, wireError, type WireError } from '../helpers/clients.js';
import { removeTestContainers, type TestContainer } from '../helpers/docker.js';
import { runningAndStopped } from '../helpers/files.js';
import { startServer, type Session } from '../helpers/mcp.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x01]);
const BIG = 1024 * 1024 + 1;
const MANY = 250;

let session: Session;
let web: TestContainer;
let stopped: TestContainer;

beforeAll(async () => {
  ({ running: web, stopped } = await runningAndStopped(
    [
      { name: 'data/notes.txt', content: 'hello, world\n' },
      { name: 'data/config.json', content: '{"a": 1}\n' },
      { name: 'data/logo.png', content: PNG },
      { name: 'data/big.txt', content: Buffer.alloc(BIG, 'a') },
      { name: 'data/link', type: 'symlink', linkname: 'notes.txt' },
      { name: 'data/sp ace/naïve ü.txt', content: 'ünïcödé\n' },
      { name: 'data/sub/deep.txt', content: 'deep\n' },
      ...Array.from({ length: MANY }, (_, i) => ({
        name: `many/f${String(i).padStart(3, '0')}`,
        content: 'x',
      })),
    ],
    [{ name: 'data/hello.txt', content: 'from a stopped container\n' }],
  ));
  session = await startServer();
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

const uri = (c: TestContainer, path: string): string => `container://${c.name}${path}`;

/** The text of one content item of a resource read ('' for a blob). */
function textAt(contents: ({ text: string } | { blob: string })[], index: number): string {
  const item = contents[index];
  return item && 'text' in item ? item.text : '';
}

function readError(target: string): Promise<WireError> {
  return wireError(session.client.readResource({ uri: target }));
}

describe('reading files', () => {
  it('returns a text file as text, with a MIME type from its name', async () => {
    const { contents } = await session.client.readResource({ uri: uri(web, '/data/notes.txt') });
    expect(contents).toEqual([
      { uri: uri(web, '/data/notes.txt'), mimeType: 'text/plain', text: 'hello, world\n' },
    ]);
    const json = await session.client.readResource({ uri: uri(web, '/data/config.json') });
    expect(json.contents[0]).toMatchObject({ mimeType: 'application/json', text: '{"a": 1}\n' });
  });

  it('returns a binary file as a base64 blob', async () => {
    const { contents } = await session.client.readResource({ uri: uri(web, '/data/logo.png') });
    expect(contents).toHaveLength(1);
    expect(contents[0]).toMatchObject({ mimeType: 'image/png', blob: PNG.toString('base64') });
    expect(contents[0]).not.toHaveProperty('text');
  });

  it('refuses a file over --max-file-bytes with its size and what to do instead', async () => {
    const error = await readError(uri(web, '/data/big.txt'));
    expect(error.code).toBe(-32602);
    expect(error.message).toContain(`(${BIG} bytes), over the 1MiB limit`);
    expect(error.message).toContain('container_archive');
    expect(error.message).toContain('container_export save_to');
  });

  it('takes its cap from --max-file-bytes', async () => {
    const small = await startServer({ args: ['--max-file-bytes', '8'] });
    try {
      const error = await wireError(
        small.client.readResource({ uri: uri(web, '/data/notes.txt') }),
      );
      expect(error.message).toContain('is 13B (13 bytes), over the 8B limit');
    } finally {
      await small.close();
    }
  });

  it('reads names with spaces and non-ASCII characters, percent-encoded in the URI', async () => {
    const target = uri(
      web,
      `/data/${encodeURIComponent('sp ace')}/${encodeURIComponent('naïve ü.txt')}`,
    );
    const { contents } = await session.client.readResource({ uri: target });
    expect(contents[0]).toMatchObject({ text: 'ünïcödé\n' });
  });

  it('reads files of a stopped container', async () => {
    const { contents } = await session.client.readResource({
      uri: uri(stopped, '/data/hello.txt'),
    });
    expect(contents[0]).toMatchObject({ text: 'from a stopped container\n' });
  });

  it('says where a symlink points instead of following it', async () => {
    const { contents } = await session.client.readResource({ uri: uri(web, '/data/link') });
    expect(contents[0]).toMatchObject({ mimeType: 'text/plain' });
    expect(textAt(contents, 0)).toBe(
      `/data/link in ${web.name} is a symbolic link to /data/notes.txt; read ${uri(web, '/data/notes.txt')} for its content.`,
    );
    expect(JSON.parse(textAt(contents, 1))).toMatchObject({
      type: 'symlink',
      link_target: '/data/notes.txt',
    });
  });
});

describe('reading directories', () => {
  it('lists direct children as text and JSON: type, size, permissions, mtime, link target', async () => {
    const { contents } = await session.client.readResource({ uri: uri(web, '/data') });
    expect(contents.map((c) => c.mimeType)).toEqual(['text/plain', 'application/json']);
    const text = textAt(contents, 0);
    expect(text.split('\n')[0]).toBe(`/data in ${web.name}: 7 entries`);
    expect(text).toMatch(/^-rw-r--r-- +13 +\S+ +notes\.txt$/m);
    expect(text).toMatch(/^lrwxrwxrwx +0 +\S+ +link -> notes\.txt$/m);
    expect(text).toMatch(/^drwxr-xr-x +0 +\S+ +sp ace\/$/m);
    expect(text).not.toContain('deep.txt');
    const json = JSON.parse(textAt(contents, 1)) as {
      entries: { name: string; type: string; size: number; permissions: string; mtime: string }[];
      truncated: boolean;
    };
    expect(json.truncated).toBe(false);
    expect(json.entries.map((e) => e.name)).toEqual([
      'big.txt',
      'config.json',
      'link',
      'logo.png',
      'notes.txt',
      'sp ace',
      'sub',
    ]);
    expect(json.entries.find((e) => e.name === 'notes.txt')).toMatchObject({
      type: 'file',
      size: 13,
      permissions: '0644',
    });
    expect(json.entries.find((e) => e.name === 'sub')?.type).toBe('directory');
  });

  it('caps a long listing and says how to get the rest', async () => {
    const { contents } = await session.client.readResource({ uri: uri(web, '/many') });
    const text = textAt(contents, 0);
    expect(text.split('\n')[0]).toBe(`/many in ${web.name}: more than 200 entries`);
    expect(text).toContain('only the first 200 (in name order) are shown');
    const json = JSON.parse(textAt(contents, 1)) as {
      entries: unknown[];
      truncated: boolean;
    };
    expect(json.entries).toHaveLength(200);
    expect(json.truncated).toBe(true);
  });

  it('lists the root of a container', async () => {
    const { contents } = await session.client.readResource({ uri: uri(web, '/') });
    const names = (JSON.parse(textAt(contents, 1)) as { entries: { name: string }[] }).entries.map(
      (e) => e.name,
    );
    expect(names).toEqual(expect.arrayContaining(['bin', 'data', 'etc', 'many', '.dockerenv']));
  });
});

describe('bad and missing paths', () => {
  it('reports a missing path as resource-not-found, pointing at the parent', async () => {
    const error = await readError(uri(web, '/data/nope.txt'));
    expect(error.code).toBe(RESOURCE_NOT_FOUND);
    expect(error.data).toEqual({ uri: uri(web, '/data/nope.txt') });
    expect(error.message).toContain(`/data/nope.txt does not exist in container ${web.name}`);
    expect(error.message).toContain(uri(web, '/data'));
  });

  it('reports a missing container with the next step', async () => {
    const error = await readError('container://cmcp-no-such-container/etc/hosts');
    expect(error.code).toBe(RESOURCE_NOT_FOUND);
    expect(error.message).toContain('No such container: cmcp-no-such-container');
    expect(error.message).toContain('container_list');
  });

  it('refuses encoded ".." that climbs above the root, and NUL', async () => {
    const climb = await readError(uri(web, '/data%2F..%2F..%2Fetc%2Fpasswd'));
    expect(climb.code).toBe(-32602);
    expect(climb.message).toContain('uses ".." to climb above the root');
    const nul = await readError(uri(web, '/etc/hosts%00.txt'));
    expect(nul.message).toContain('NUL');
    const broken = await readError(uri(web, '/data/%E0%A4%A'));
    expect(broken.message).toContain('broken percent-escape');
  });

  it('refuses ".." above the root as sent, before URL parsing resolves it away', async () => {
    for (const path of ['/../../etc/passwd', '/data/../../etc/passwd', '/%2e%2e/etc/passwd']) {
      const climb = await readError(uri(web, path));
      expect(climb.code).toBe(-32602);
      expect(climb.message).toContain(`uses ".." to climb above the container's root`);
    }
  });

  it('says a URI without a path names no path', async () => {
    const error = await readError(`container://${web.name}`);
    expect(error.code).toBe(-32602);
    expect(error.message).toContain('names no path in the container');
    expect(error.message).toContain('container://web/etc/hosts');
  });
});

describe('listing and completion', () => {
  it('lists the root of each container in resources/list', async () => {
    const { resources } = await session.client.listResources();
    const mine = resources.filter((r) => r.uri === uri(web, '/') || r.uri === uri(stopped, '/'));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ name: expect.stringMatching(/:\/$/), mimeType: 'text/plain' });
    const templates = await session.client.listResourceTemplates();
    expect(templates.resourceTemplates.map((t) => t.uriTemplate)).toContain(
      'container://{id}{+path}',
    );
  });

  it('completes container names and paths from the parent directory', async () => {
    const ref = { type: 'ref/resource' as const, uri: 'container://{id}{+path}' };
    const ids = await session.client.complete({
      ref,
      argument: { name: 'id', value: web.name.slice(0, -2) },
    });
    expect(ids.completion.values).toContain(web.name);
    const paths = await session.client.complete({
      ref,
      argument: { name: 'path', value: '/data/s' },
      context: { arguments: { id: web.name } },
    });
    expect(paths.completion.values).toEqual(['/data/sp ace/', '/data/sub/']);
    const root = await session.client.complete({
      ref,
      argument: { name: 'path', value: '' },
      context: { arguments: { id: web.name } },
    });
    expect(root.completion.values).toEqual(expect.arrayContaining(['/data/', '/etc/']));
    const noId = await session.client.complete({ ref, argument: { name: 'path', value: '/' } });
    expect(noId.completion.values).toEqual([]);
  });
});

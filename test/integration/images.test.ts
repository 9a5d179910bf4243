/**
 * The image tools against the real engine, through a real MCP client: list, inspect (env
 * redacted), tag, commit, delete with a confirmation and prune; container_create's answer for
 * an image the engine lacks; --allow-image on create (by any spelling, by id); --scope-label on
 * image removal; which image tools each policy flag offers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  removeTestContainers,
  TEST_IMAGE,
  testLabels,
  uniqueName,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { hasImage, importRandomImage, removeImage } from '../helpers/registry.js';

const repo = `container-mcp-test/${uniqueName('img')}`;
let session: Session;
let testImageId = '';
const made: string[] = [];

beforeAll(async () => {
  session = await startServer();
  testImageId = (await docker<{ Id: string }>('GET', `/images/${TEST_IMAGE}/json`)).body.Id;
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
  for (const name of made) await removeImage(name).catch(() => undefined);
});

describe('image_list and image_inspect', () => {
  it('lists the test image with its short id, and narrows by reference', async () => {
    await importRandomImage(repo, 'listed', 1024);
    made.push(`${repo}:listed`);
    const result = await call(session, 'image_list', { filters: { reference: [repo] } });
    const data = dataOf<{ columns: string[]; images: string[][]; total: number }>(result);
    expect(data.columns).toEqual(['image', 'id', 'created', 'size']);
    expect(data.images.map((row) => row[0])).toEqual([`${repo}:listed`]);
    expect(textOf(result)).toContain(`${repo}:listed`);
    const all = dataOf<{ images: string[][] }>(await call(session, 'image_list'));
    expect(
      all.images.some((row) => row[0] === TEST_IMAGE && row[1] === testImageId.slice(7, 19)),
    ).toBe(true);
  });

  it('inspects lean by default; history on request', async () => {
    const data = dataOf<{ id: string; tags: string[]; platform: string; history?: unknown[] }>(
      await call(session, 'image_inspect', { image: TEST_IMAGE }),
    );
    expect(data.id).toBe(testImageId);
    expect(data.tags).toContain(TEST_IMAGE);
    expect(data.platform).toMatch(/^linux\//);
    expect(data.history).toBeUndefined();
    const withHistory = dataOf<{ history: unknown[] }>(
      await call(session, 'image_inspect', { image: TEST_IMAGE, history: true }),
    );
    expect(withHistory.history.length).toBeGreaterThan(0);
  });

  it('says when there is no such image', async () => {
    const result = await call(session, 'image_inspect', { image: `${repo}:missing` });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/no such image/i);
  });
});

describe('container_commit and image_tag', () => {
  it('commits a container with changes; its secret env is redacted in inspect', async () => {
    const { id } = await createContainer({ start: false });
    const result = await call(session, 'container_commit', {
      id,
      image: `${repo}:committed`,
      changes: ['ENV API_TOKEN=s3cret-value', 'LABEL made.by=container-mcp'],
    });
    made.push(`${repo}:committed`);
    const data = dataOf<{ id: string; image: string }>(result);
    expect(data.image).toBe(`${repo}:committed`);
    const inspected = await call(session, 'image_inspect', {
      image: `${repo}:committed`,
      labels: true,
    });
    expect(JSON.stringify(inspected)).not.toContain('s3cret-value');
    expect(dataOf<{ env: string[]; labels: Record<string, string> }>(inspected)).toMatchObject({
      env: expect.arrayContaining(['API_TOKEN=***']),
      labels: { 'made.by': 'container-mcp' },
    });
  });

  it('refuses a change that is not one Dockerfile instruction', async () => {
    const { id } = await createContainer({ start: false });
    const result = await call(session, 'container_commit', { id, changes: ['RUN rm -rf /'] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('changes');
  });

  it('tags an image, and says when the name moved from another one', async () => {
    await importRandomImage(repo, 'other', 512);
    made.push(`${repo}:other`, `${repo}:moved`);
    await call(session, 'image_tag', { image: `${repo}:other`, target: `${repo}:moved` });
    const result = await call(session, 'image_tag', { image: TEST_IMAGE, target: `${repo}:moved` });
    const data = dataOf<{ id: string; moved_from?: string }>(result);
    expect(data.id).toBe(testImageId);
    expect(data.moved_from).toBeDefined();
    expect(textOf(result)).toContain('was on image');
  });
});

describe('image_delete and image_prune', () => {
  it('deletes only after a confirmation, whose preview the engine computed', async () => {
    const guarded = await startServer({ args: ['--confirm', 'destructive'] });
    try {
      await importRandomImage(repo, 'doomed', 2048);
      const { id } = await createContainer({ start: false, image: `${repo}:doomed` });
      const first = await call(guarded, 'image_delete', { image: `${repo}:doomed`, force: true });
      expect(first.isError).toBe(true);
      const confirmation = first.structuredContent as { preview: string; token: string };
      expect(confirmation.preview).toContain(`Remove image`);
      expect(confirmation.preview).toContain(`${repo}:doomed`);
      expect(confirmation.preview).toMatch(/Used by cmcp-.* \(created\)/);
      expect(await hasImage(`${repo}:doomed`)).toBe(true);
      const second = await call(guarded, 'image_delete', {
        image: `${repo}:doomed`,
        force: true,
        confirm: confirmation.token,
      });
      expect(dataOf<{ untagged: string[] }>(second).untagged).toContain(`${repo}:doomed`);
      expect(await hasImage(`${repo}:doomed`)).toBe(false);
      await docker('DELETE', `/containers/${id}?force=1`);
    } finally {
      await guarded.close();
    }
  });

  it('previews an untag for a name given in another spelling of the same reference', async () => {
    const guarded = await startServer({ args: ['--confirm', 'destructive'] });
    try {
      await importRandomImage(repo, 'first', 256);
      made.push(`${repo}:first`, `${repo}:second`);
      await call(session, 'image_tag', { image: `${repo}:first`, target: `${repo}:second` });
      const asked = await call(guarded, 'image_delete', { image: `docker.io/${repo}:second` });
      const { preview } = asked.structuredContent as { preview: string };
      expect(preview).toMatch(new RegExp(`^Untag docker\\.io/${repo}:second from image`));
      expect(preview).toContain(`the image stays (also ${repo}:first)`);
    } finally {
      await guarded.close();
    }
  });

  it('prunes the unused images a filter selects, and says the space reclaimed', async () => {
    const tag = uniqueName('prune');
    const { id } = await createContainer({ start: false });
    const change = encodeURIComponent(`LABEL cmcp.prune=${tag}`);
    const image = (
      await docker<{ Id: string }>('POST', `/commit?container=${id}&changes=${change}`)
    ).body.Id;
    const result = await call(session, 'image_prune', {
      filters: { label: [`cmcp.prune=${tag}`] },
    });
    expect(dataOf<{ deleted: string[] }>(result).deleted).toContain(image);
    expect(textOf(result)).toMatch(/reclaiming/);
    expect(await hasImage(image)).toBe(false);
  });
});

describe('container_create and images', () => {
  it('names the image_pull call for an image the engine lacks', async () => {
    const missing = `127.0.0.1:5015/${repo}:absent`;
    const result = await call(session, 'container_create', {
      body: { Image: missing, HostConfig: { NetworkMode: 'none' } },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`image_pull {"image": "${missing}"}`);
  });

  it('under --allow-image: refuses an image outside it, by any name or id, and pins the one it allowed', async () => {
    await importRandomImage(repo, 'allowed', 512);
    made.push(`${repo}:allowed`);
    const allowedId = (await docker<{ Id: string }>('GET', `/images/${repo}:allowed/json`)).body.Id;
    const strict = await startServer({ args: ['--allow-image', `docker.io/${repo}:allowed`] });
    try {
      const create = (Image: string) =>
        call(strict, 'container_create', {
          name: uniqueName('allow'),
          body: { Image, Cmd: ['run'], Labels: testLabels(), HostConfig: { NetworkMode: 'none' } },
        });
      for (const image of [TEST_IMAGE, testImageId, testImageId.slice(7, 19)]) {
        const refused = await create(image);
        expect(refused.isError, image).toBe(true);
        expect(textOf(refused)).toContain('--allow-image');
      }
      // The same image by its id, by another spelling of its name, and by name: all allowed.
      for (const image of [allowedId, `index.docker.io/${repo}:allowed`, `${repo}:allowed`]) {
        const created = await create(image);
        const id = dataOf<{ id: string }>(created).id;
        const container = await docker<{ Image: string }>('GET', `/containers/${id}/json`);
        expect(container.body.Image).toBe(allowedId);
      }
      const absent = await create(`${repo}:absent`);
      expect(textOf(absent)).toContain(`image_pull {"image": "${repo}:absent"}`);
      expect(textOf(absent)).toContain(`--allow-image docker.io/${repo}`);
    } finally {
      await strict.close();
    }
  });
});

describe('--scope-label and image removal', () => {
  it('never removes an image a container outside the scope uses, and names no such container', async () => {
    await importRandomImage(repo, 'shared', 512);
    made.push(`${repo}:shared`);
    const outside = await createContainer({ start: false, image: `${repo}:shared` });
    const scoped = await startServer({ args: ['--scope-label', `cmcp.scope=${uniqueName('s')}`] });
    try {
      const result = await call(scoped, 'image_delete', { image: `${repo}:shared`, force: true });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('outside this server');
      expect(textOf(result)).not.toContain(outside.id.slice(0, 12));
      expect(await hasImage(`${repo}:shared`)).toBe(true);
    } finally {
      await scoped.close();
    }
  });
});

describe('policy flags', () => {
  it('--read-only keeps list and inspect; --no-destructive leaves out delete and prune', async () => {
    const names = async (args: string[]) => {
      const server = await startServer({ args });
      try {
        return (await server.client.listTools()).tools
          .map((tool) => tool.name)
          .filter((name) => name.startsWith('image_') || name === 'container_commit');
      } finally {
        await server.close();
      }
    };
    expect(await names(['--read-only'])).toEqual(['image_list', 'image_inspect']);
    expect(await names(['--no-destructive'])).toEqual([
      'image_list',
      'image_inspect',
      'image_pull',
      'image_tag',
      'container_commit',
    ]);
  });
});

/**
 * image_pull against real registries on loopback (scripts/test-registry.sh): an image of this
 * run's own (random bytes, so no layer of it is on the engine already) is pushed there and
 * removed locally, then pulled back through the server by tag and by digest, with progress;
 * cancelled half-way through a slow proxy (the engine's connections to the registry close);
 * refused by --allow-image; refused without and with a wrong credential, then pulled with the
 * right one from a Docker config, which no answer shows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { skipWhen } from '../helpers/fixtures.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import {
  AUTH_REGISTRY,
  dockerConfig,
  hasImage,
  importRandomImage,
  pullWithProgress,
  pushImage,
  registryPassword,
  REGISTRY,
  removeImage,
  repositoryFor,
  setUpRegistries,
} from '../helpers/registry.js';
import { startSlowProxy } from '../helpers/slow-proxy.js';

const unavailable = setUpRegistries();
const open = repositoryFor(REGISTRY, 'pull');
const big = repositoryFor(REGISTRY, 'big');
const secured = repositoryFor(AUTH_REGISTRY, 'secured');
let digest = '';
let session: Session;

beforeAll(async () => {
  if (unavailable) return;
  await importRandomImage(open, 'v1', 256 * 1024);
  digest = await pushImage(open, 'v1', { from: `${open}:v1` });
  await importRandomImage(big, 'v1', 8 * 1024 * 1024);
  await pushImage(big, 'v1', { from: `${big}:v1` });
  await importRandomImage(secured, 'v1', 64 * 1024);
  await pushImage(secured, 'v1', { from: `${secured}:v1`, credential: true });
  session = await startServer();
}, 120_000);
afterAll(async () => {
  await session?.close();
  for (const name of [`${open}:v1`, `${open}@${digest}`, `${big}:v1`, `${secured}:v1`])
    await removeImage(name).catch(() => undefined);
});
beforeEach(skipWhen(unavailable));

describe('image_pull', () => {
  it('pulls by tag, with progress notifications, and says what it pulled', async () => {
    await removeImage(`${open}:v1`);
    expect(await hasImage(`${open}:v1`)).toBe(false);
    const { result, progress } = await pullWithProgress(session, `${open}:v1`);
    const data = dataOf<{ image: string; digest: string; new_layers: number; size: number }>(
      result,
    );
    expect(data).toMatchObject({ image: `${open}:v1`, digest, new_layers: 1 });
    expect(textOf(result)).toContain(`Pulled ${open}:v1`);
    expect(textOf(result)).toContain(digest);
    expect(await hasImage(`${open}:v1`)).toBe(true);
    // The last notification may ride with the answer and be dropped; earlier ones arrive.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.some((p) => /layers/.test(p.message ?? ''))).toBe(true);
  });

  it('pulls by digest, and says so when the image is already there', async () => {
    await removeImage(`${open}:v1`);
    const result = await call(session, 'image_pull', { image: `${open}@${digest}` });
    expect(dataOf<{ digest: string }>(result).digest).toBe(digest);
    expect(await hasImage(`${open}@${digest}`)).toBe(true);
    const again = await call(session, 'image_pull', { image: `${open}@${digest}` });
    expect(textOf(again)).toMatch(/^Already up to date/);
  });

  it('stops the pull when the call is cancelled: the engine lets go of the registry', async () => {
    const proxy = await startSlowProxy(Number(REGISTRY.split(':')[1]), 256 * 1024);
    const slow = `${proxy.address}/${big.split('/').slice(1).join('/')}`;
    const controller = new AbortController();
    const pulled = session.client
      .callTool({ name: 'image_pull', arguments: { image: `${slow}:v1` } }, undefined, {
        signal: controller.signal,
        onprogress: (p) => {
          if (p.total !== undefined && p.total > 0 && p.progress > 0) controller.abort();
        },
        timeout: 120_000,
      })
      .then(
        () => 'answered',
        (error: Error) => error.message,
      );
    expect(await pulled).toMatch(/abort/i);
    const passedAtCancel = proxy.passed();
    // The engine closes its registry connections once the pull stops.
    for (let i = 0; i < 100 && proxy.open() > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(proxy.open()).toBe(0);
    expect(proxy.passed()).toBeLessThan(8 * 1024 * 1024);
    expect(passedAtCancel).toBeGreaterThan(0);
    expect(await hasImage(`${slow}:v1`)).toBe(false);
    // The server answers the next call at once.
    expect(
      (await call(session, 'image_list', { filters: { reference: [slow] } })).isError,
    ).toBeFalsy();
    await proxy.close();
  }, 60_000);
});

describe('--allow-image', () => {
  it('refuses a pull outside the patterns, naming one that would allow it', async () => {
    const strict = await startServer({ args: ['--allow-image', `${REGISTRY}/someone-else/*`] });
    try {
      await removeImage(`${open}:v1`);
      const result = await call(strict, 'image_pull', { image: `${open}:v1` });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(`--allow-image ${open}`);
      expect(textOf(result)).toContain(`${REGISTRY}/someone-else/*`);
      expect(await hasImage(`${open}:v1`)).toBe(false);
    } finally {
      await strict.close();
    }
  });

  it('lets in what a pattern allows, by tag or by digest', async () => {
    const allowed = await startServer({
      args: ['--allow-image', `${REGISTRY}/container-mcp-*/pull:v*`, '--allow-image', digest],
    });
    try {
      await removeImage(`${open}:v1`);
      expect((await call(allowed, 'image_pull', { image: `${open}:v1` })).isError).toBeFalsy();
      // A tag pattern does not let a digest through (the engine would ignore the tag)...
      const mixed = await call(allowed, 'image_pull', {
        image: `${open}:v2@sha256:${'0'.repeat(64)}`,
      });
      expect(mixed.isError).toBe(true);
      // ...but the digest pattern lets this content in from any repository.
      expect(
        (await call(allowed, 'image_pull', { image: `${open}@${digest}` })).isError,
      ).toBeFalsy();
    } finally {
      await allowed.close();
    }
  });
});

describe('registry credentials', () => {
  const pull = async (credential: 'none' | 'wrong' | 'right') => {
    const server = await startServer({ env: { DOCKER_CONFIG: dockerConfig(credential) } });
    try {
      return await call(server, 'image_pull', { image: `${secured}:v1` });
    } finally {
      await server.close();
    }
  };

  it('names the registry and how to log in when there is no credential', async () => {
    const result = await pull('none');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`the registry ${AUTH_REGISTRY} refused the pull`);
    expect(textOf(result)).toContain('found no credential');
    expect(textOf(result)).toContain(`docker login ${AUTH_REGISTRY}`);
  });

  it('says the credential it sent was refused, without showing it', async () => {
    const result = await pull('wrong');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('the registry refused it');
    expect(JSON.stringify(result)).not.toContain('not-the-password');
  });

  it('pulls with the credential from the Docker config; no answer shows it', async () => {
    await removeImage(`${secured}:v1`);
    const result = await pull('right');
    expect(dataOf<{ new_layers: number }>(result).new_layers).toBe(1);
    expect(await hasImage(`${secured}:v1`)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(registryPassword());
  });
});

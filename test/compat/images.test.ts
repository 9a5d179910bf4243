/**
 * The image tools on each engine (Docker 20.10, Docker 26, Podman 4), and what differs:
 * - a pull's progress: dockerd counts bytes per layer ("Downloading" with progressDetail) and
 *   ends with a "Digest:" line; Podman's service reports each blob (the image's config blob
 *   too) as "Pulling fs layer" / "Already exists" / "Download complete", with no bytes and no
 *   digest line: the progress then counts layers, the digest comes from the image's
 *   RepoDigests, and the config blob is not counted as a layer;
 * - names: Podman gives every name in full (docker.io/library/busybox:local, docker.io/x/y);
 * - commit: Podman's service needs a body (the server always sends one);
 * - ids: Podman names deleted and committed images without the "sha256:" prefix.
 * Podman pulls from the plain-HTTP loopback registry only when its registries.conf lists it
 * as insecure (scripts/podman-engine.sh writes that drop-in before starting the service).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createContainer,
  isPodman,
  removeTestContainers,
  TEST_IMAGE,
  uniqueName,
} from '../helpers/docker.js';
import { skipWhen } from '../helpers/fixtures.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import {
  hasImage,
  importRandomImage,
  pullWithProgress,
  pushImage,
  REGISTRY,
  removeImage,
  repositoryFor,
  setUpRegistries,
} from '../helpers/registry.js';

const unavailable = setUpRegistries();
const repo = repositoryFor(REGISTRY, uniqueName('compat'));
let session: Session;
let podman: boolean;
let digest = '';

beforeAll(async () => {
  session = await startServer();
  podman = await isPodman();
  if (unavailable) return;
  await importRandomImage(repo, 'v1', 300 * 1024);
  digest = await pushImage(repo, 'v1', { from: `${repo}:v1` });
}, 120_000);
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
  await removeImage(`${repo}:v1`).catch(() => undefined);
});

describe('image_pull', () => {
  beforeEach(skipWhen(unavailable));

  it('pulls from the loopback registry; progress counts bytes on dockerd, layers on Podman', async () => {
    await removeImage(`${repo}:v1`);
    const { result, progress } = await pullWithProgress(session, `${repo}:v1`);
    expect(dataOf<{ digest: string; new_layers: number }>(result)).toMatchObject({
      digest,
      new_layers: 1,
    });
    expect(progress.length).toBeGreaterThan(0);
    const bytes = progress.some((p) => /[kM]B of /.test(p.message ?? ''));
    expect(bytes).toBe(!podman);
    const again = await call(session, 'image_pull', { image: `${repo}:v1` });
    expect(dataOf<{ new_layers: number; existing_layers: number }>(again)).toMatchObject({
      new_layers: 0,
      existing_layers: 1,
    });
  });
});

describe('images on the engine', () => {
  it('lists and inspects; Podman names images in full', async () => {
    const listed = dataOf<{ images: string[][] }>(await call(session, 'image_list'));
    const names = listed.images.map((row) => row[0]);
    expect(names).toContain(podman ? `docker.io/library/${TEST_IMAGE}` : TEST_IMAGE);
    const inspected = dataOf<{ tags: string[]; platform: string }>(
      await call(session, 'image_inspect', { image: TEST_IMAGE }),
    );
    expect(inspected.platform).toMatch(/^linux\//);
    expect(inspected.tags.length).toBeGreaterThan(0);
  });

  it('commits, tags, deletes and prunes', async () => {
    const { id } = await createContainer({ start: false });
    const name = `container-mcp-compat/${uniqueName('commit')}`;
    const committed = await call(session, 'container_commit', {
      id,
      image: `${name}:c1`,
      changes: ['ENV MODE=compat', `LABEL cmcp.compat=${name}`],
    });
    const imageId = dataOf<{ id: string }>(committed).id;
    const env = dataOf<{ env: string[] }>(
      await call(session, 'image_inspect', { image: `${name}:c1` }),
    ).env;
    expect(env).toContain('MODE=compat');
    expect(
      (await call(session, 'image_tag', { image: `${name}:c1`, target: `${name}:c2` })).isError,
    ).toBeFalsy();
    const untag = await call(session, 'image_delete', { image: `${name}:c2` });
    expect(textOf(untag)).toMatch(/^Untagged/);
    const removed = await call(session, 'image_delete', { image: `${name}:c1` });
    expect(textOf(removed)).toMatch(/^Removed image/);
    expect(await hasImage(imageId)).toBe(false);
    // An untagged image of its own label: the prune's filter selects it and nothing else.
    const dangling = dataOf<{ id: string }>(
      await call(session, 'container_commit', { id, changes: [`LABEL cmcp.prune=${name}`] }),
    ).id;
    const pruned = await call(session, 'image_prune', {
      filters: { label: [`cmcp.prune=${name}`] },
    });
    expect(
      dataOf<{ deleted: string[] }>(pruned).deleted.map((d) => d.replace(/^sha256:/, '')),
    ).toContain(dangling.replace(/^sha256:/, ''));
    expect(await hasImage(dangling)).toBe(false);
  });
});

/**
 * A pull's progress stream as each engine writes it (lines recorded from Docker 20.10 and
 * Podman 4.3's service): bytes across layers on dockerd, layers on Podman, the digest, new and
 * existing layers without Podman's config blob, and an error line as the pull's failure.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { followPull, layerCounts, type PullProgress } from '../../src/engine/pull.js';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const options = { endpoint: 'POST /images/create', address: 'unix:///test.sock' };

async function follow(lines: object[]) {
  const body = Readable.from(lines.map((line) => `${JSON.stringify(line)}\r\n`));
  const seen: PullProgress[] = [];
  const result = await followPull(body, options, (progress) => seen.push(progress));
  return { result, seen };
}

describe('a pull on dockerd', () => {
  const lines = [
    { status: 'Pulling from acme/app', id: 'v1' },
    { status: 'Already exists', progressDetail: {}, id: 'aaaaaaaaaaaa' },
    { status: 'Pulling fs layer', progressDetail: {}, id: 'bbbbbbbbbbbb' },
    { status: 'Downloading', progressDetail: { current: 1000, total: 4000 }, id: 'bbbbbbbbbbbb' },
    { status: 'Downloading', progressDetail: { current: 1010, total: 4000 }, id: 'bbbbbbbbbbbb' },
    { status: 'Downloading', progressDetail: { current: 3000, total: 4000 }, id: 'bbbbbbbbbbbb' },
    { status: 'Download complete', progressDetail: {}, id: 'bbbbbbbbbbbb' },
    { status: 'Extracting', progressDetail: { current: 4000, total: 4000 }, id: 'bbbbbbbbbbbb' },
    { status: 'Pull complete', progressDetail: {}, id: 'bbbbbbbbbbbb' },
    { status: `Digest: ${DIGEST}` },
    { status: 'Status: Downloaded newer image for acme/app:v1' },
  ];

  it('reports bytes across layers, once per meaningful change', async () => {
    const { result, seen } = await follow(lines);
    expect(seen.map((p) => [p.done, p.total])).toContainEqual([3000, 4000]);
    // 1000 -> 1010 bytes of 4000 is no new percent: no notification of its own.
    expect(seen.filter((p) => p.done === 1010)).toEqual([]);
    expect(result.digest).toBe(DIGEST);
    expect(layerCounts(result, `sha256:${'d'.repeat(64)}`)).toEqual({
      newLayers: 1,
      existingLayers: 1,
      downloaded: 4000,
    });
  });

  it('fails with the error line', async () => {
    await expect(
      follow([
        lines[0]!,
        { errorDetail: { message: 'unauthorized: authentication required' }, error: 'x' },
      ]),
    ).rejects.toThrow('unauthorized: authentication required');
  });
});

describe('a pull on Podman', () => {
  it('counts layers (no bytes), leaving out the config blob', async () => {
    const { result, seen } = await follow([
      { status: 'Already exists', progressDetail: {}, id: 'e7d8e5e61a6e' },
      { status: 'Pulling fs layer', progressDetail: {}, id: '1f2e3d4c5b6a' },
      { status: 'Download complete', progressDetail: {}, id: '1f2e3d4c5b6a' },
      { status: 'Pulling fs layer', progressDetail: {}, id: '6e6ef1eb22fb' },
      { status: 'Download complete', progressDetail: {}, id: '6e6ef1eb22fb' },
      { status: 'Download complete', progressDetail: {}, id: '6e6ef1eb22fb' },
    ]);
    expect(seen.every((p) => p.total === 0)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ layers: 3, finished: 3 });
    expect(result.digest).toBeUndefined();
    expect(layerCounts(result, `sha256:6e6ef1eb22fb${'0'.repeat(52)}`)).toMatchObject({
      newLayers: 1,
      existingLayers: 1,
    });
  });
});

/**
 * --allow-image as an attacker would try it: every spelling of a Docker Hub image, case,
 * tags next to digests, globs that must not stretch past a component of the pattern, and
 * local images known by id or under another name.
 */
import { describe, expect, it } from 'vitest';
import {
  allowedImage,
  allowingPattern,
  parseImagePattern,
  parsePatterns,
  refusalFor,
  type ImagePattern,
} from '../../src/containers/image-allow.js';
import { canonicalReference, parseReference, pullParameters } from '../../src/engine/reference.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;

const allows = (patterns: string[], reference: string): boolean =>
  allowingPattern(parsePatterns(patterns), parseReference(reference)) !== undefined;

describe('references, read as the engine reads them', () => {
  it.each([
    'postgres',
    'postgres:latest',
    'docker.io/postgres',
    'docker.io/library/postgres:latest',
    'index.docker.io/library/postgres',
    'registry-1.docker.io/library/postgres',
    'DOCKER.IO/library/postgres',
  ])('%s is docker.io/library/postgres:latest', (text) => {
    expect(canonicalReference(parseReference(text))).toBe('docker.io/library/postgres:latest');
  });

  it('keeps registries with ports and localhost as registries', () => {
    expect(canonicalReference(parseReference('127.0.0.1:5000/a/b'))).toBe(
      '127.0.0.1:5000/a/b:latest',
    );
    expect(canonicalReference(parseReference('localhost/app:1'))).toBe('localhost/app:1');
    expect(canonicalReference(parseReference('acme/app'))).toBe('docker.io/acme/app:latest');
  });

  it('fetches by digest when a reference names both a tag and a digest', () => {
    const ref = parseReference(`postgres:16@${DIGEST}`);
    expect(canonicalReference(ref)).toBe(`docker.io/library/postgres@${DIGEST}`);
    expect(pullParameters(ref)).toEqual({ fromImage: 'docker.io/library/postgres', tag: DIGEST });
    // Never an empty tag: the engine would pull every tag of the repository.
    expect(pullParameters(parseReference('postgres'))).toEqual({
      fromImage: 'docker.io/library/postgres',
      tag: 'latest',
    });
  });

  it.each(['Postgres', 'docker.io/Library/postgres', 'a/../b', 'x@sha256:short', 'x:bad tag', ''])(
    'refuses %j',
    (text) => expect(() => parseReference(text)).toThrow(),
  );
});

describe('patterns', () => {
  it('match every spelling of a Docker Hub repository', () => {
    for (const spelling of [
      'postgres:16',
      'index.docker.io/library/postgres:16',
      'DOCKER.IO/library/postgres:16',
    ])
      expect(allows(['docker.io/library/*'], spelling), spelling).toBe(true);
    expect(allows(['postgres'], 'registry-1.docker.io/library/postgres:9')).toBe(true);
  });

  it('do not stretch past what they name', () => {
    expect(allows(['docker.io/library/*'], 'acme/postgres')).toBe(false);
    expect(allows(['ghcr.io/acme/*'], 'ghcr.io/acme-evil/app')).toBe(false);
    expect(allows(['ghcr.io/acme/*'], 'ghcr.io/acme/team/app:1')).toBe(true);
    expect(allows(['ghcr.io/acme/*'], 'ghcr.io.evil.example/acme/app')).toBe(false);
    // A `*` in the registry stays in the host name: no other registry behind a path.
    expect(allows(['*.example.com/app'], 'evil.com/x.example.com/app')).toBe(false);
    expect(allows(['*.example.com/app'], 'registry.example.com:5000/app')).toBe(false);
    expect(allows(['*.example.com/app'], 'registry.example.com/app:1')).toBe(true);
    expect(allows(['127.0.0.1:5000/*'], '127.0.0.1:5001/app')).toBe(false);
    expect(allows(['127.0.0.1:5000/*'], '127.0.0.1:5000/a/b:dev')).toBe(true);
  });

  it('with a tag: only that tag, and never a reference that also names a digest', () => {
    expect(allows(['postgres:16'], 'postgres:16')).toBe(true);
    expect(allows(['postgres:16'], 'postgres:17')).toBe(false);
    expect(allows(['postgres:16'], 'postgres')).toBe(false);
    expect(allows(['postgres:16'], `postgres:16@${DIGEST}`)).toBe(false);
    expect(allows(['ghcr.io/acme/*:v1*'], 'ghcr.io/acme/app:v1.2')).toBe(true);
    expect(allows(['ghcr.io/acme/*:v1*'], 'ghcr.io/acme/app:v2')).toBe(false);
  });

  it('with a digest: that content, from that repository or (a digest alone) from any', () => {
    expect(allows([`postgres@${DIGEST}`], `postgres@${DIGEST}`)).toBe(true);
    expect(allows([`postgres@${DIGEST}`], `postgres@${OTHER}`)).toBe(false);
    expect(allows([`postgres@${DIGEST}`], 'postgres:16')).toBe(false);
    expect(allows([DIGEST], `evil.example/x@${DIGEST}`)).toBe(true);
    expect(allows([`@${DIGEST}`], `x:1@${DIGEST}`)).toBe(true);
    expect(allows([DIGEST], 'x:1')).toBe(false);
  });

  it('that do not parse are refused with the reason and an example', () => {
    expect(parseImagePattern('Docker.io/Library/*')).toMatch(/must be lower-case/);
    expect(parseImagePattern('x@sha256:12')).toMatch(/digest/);
    expect(parseImagePattern('x@sha256:12')).toMatch(/docker\.io\/library\/\*/);
  });

  it('name in a refusal the pattern that would allow it', () => {
    const patterns = parsePatterns(['docker.io/library/*']);
    expect(refusalFor(parseReference('ghcr.io/acme/app:1'), patterns)).toBe(
      "the image ghcr.io/acme/app:1 is outside this server's --allow-image (docker.io/library/*); starting the server with --allow-image ghcr.io/acme/app would allow it",
    );
    expect(refusalFor(parseReference(`x@${DIGEST}`), patterns)).toContain(
      `--allow-image docker.io/library/x@${DIGEST} would allow it`,
    );
  });
});

describe('local images', () => {
  const patterns: ImagePattern[] = parsePatterns(['docker.io/library/postgres:16', DIGEST]);

  it('are allowed when one of their names is, whatever name or id the call used', () => {
    expect(allowedImage(patterns, { Id: OTHER, RepoTags: ['postgres:16'] })).toBeDefined();
    // Podman names images in full.
    expect(
      allowedImage(patterns, { Id: OTHER, RepoTags: ['docker.io/library/postgres:16'] }),
    ).toBeDefined();
    expect(
      allowedImage(patterns, { Id: OTHER, RepoDigests: [`mirror.example/pg@${DIGEST}`] }),
    ).toBeDefined();
    expect(allowedImage(patterns, { Id: DIGEST })).toBeDefined();
  });

  it('are refused when none is: an untagged image, or one named only outside', () => {
    expect(allowedImage(patterns, { Id: OTHER, RepoTags: ['<none>:<none>'] })).toBeUndefined();
    expect(
      allowedImage(patterns, { Id: OTHER, RepoTags: ['postgres:17', 'evil/pg:16'] }),
    ).toBeUndefined();
  });
});

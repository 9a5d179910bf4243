/**
 * --allow-image PATTERN: which images a pull may fetch and a create may run, compared in the
 * engine's own canonical form (../../engine/reference.ts), so that another spelling of the same
 * image (`postgres`, `docker.io/postgres`, `index.docker.io/library/postgres:latest`,
 * `DOCKER.IO/library/postgres`) meets the same rule. A pattern is
 *
 * - a repository, `*` matching any run of name characters (never `:` or `@`, so it cannot eat
 *   a tag): `docker.io/library/*`, `ghcr.io/acme/*`, `127.0.0.1:5000/*`, `postgres`;
 * - the same with a tag (`postgres:16`, `ghcr.io/acme/*:v1*`): only that tag, and never a
 *   reference that also names a digest (the engine fetches the digest and ignores the tag);
 * - a repository with a digest (`postgres@sha256:…`), or a digest alone (`sha256:…`): that
 *   content. A digest pins the bytes, so any repository serving it serves the same image; a
 *   local image's id counts as its digest too.
 */
import {
  bareImageId,
  canonicalReference,
  parseReference,
  ReferenceError,
  repositoryOf,
  type ImageReference,
} from '../engine/reference.js';

export interface ImagePattern {
  /** As given on the command line, for messages. */
  text: string;
  /** The repository glob as a regular expression, when the pattern names one. */
  repository?: RegExp;
  tag?: RegExp;
  digest?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const NAME_CHARS = '[a-z0-9._/-]';
/** What `*` matches in a registry's host name: never `/` (the path) nor `:` (the port). */
const HOST_CHARS = '[a-z0-9.-]';

/** Parse one --allow-image value; a string is the reason it is not a pattern. */
export function parseImagePattern(text: string): ImagePattern | string {
  const bare = text.replace(/^@/, '');
  if (DIGEST.test(bare)) return { text, digest: bare };
  // Parse with a placeholder for each `*`, so the engine's grammar applies to the rest.
  const placeholder = 'x0star0x';
  let ref: ImageReference;
  try {
    ref = parseReference(text.replaceAll('*', placeholder));
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return `--allow-image "${text}" ${error.message}: give a repository such as docker.io/library/*, ghcr.io/acme/app:1.2, or a digest sha256:<64 hex>`;
  }
  const globSource = (value: string, chars: string): string =>
    value
      .split(placeholder)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join(`${chars}*`);
  const glob = (value: string, chars: string): RegExp =>
    new RegExp(`^${globSource(value, chars)}$`);
  const taggedExplicitly = /:[^/]*$/.test(text.replace(/@.*$/, '')) && ref.tag !== undefined;
  return {
    text,
    // The registry and the path apart: a `*` in the registry stays in the host name, so
    // `*.example.com/app` cannot match `evil.com/x.example.com/app` (a pull from evil.com).
    repository: new RegExp(
      `^${globSource(ref.domain, HOST_CHARS)}/${globSource(ref.path, NAME_CHARS)}$`,
    ),
    ...(taggedExplicitly && ref.tag !== undefined && { tag: glob(ref.tag, '[\\w.-]') }),
    ...(ref.digest !== undefined && { digest: ref.digest }),
  };
}

/** Whether one pattern allows a reference (already parsed, canonical). */
function patternAllows(pattern: ImagePattern, ref: ImageReference): boolean {
  if (pattern.repository === undefined) return ref.digest === pattern.digest;
  if (!pattern.repository.test(repositoryOf(ref))) return false;
  if (pattern.digest !== undefined) return ref.digest === pattern.digest;
  if (pattern.tag !== undefined)
    return ref.digest === undefined && ref.tag !== undefined && pattern.tag.test(ref.tag);
  return true;
}

/** The first pattern that allows `ref`, or undefined. */
export function allowingPattern(
  patterns: readonly ImagePattern[],
  ref: ImageReference,
): ImagePattern | undefined {
  return patterns.find((pattern) => patternAllows(pattern, ref));
}

/**
 * A pattern that would allow this reference, for a refusal to name: the repository itself
 * (every tag), or the digest when the reference is pinned to one.
 */
function suggestPattern(ref: ImageReference): string {
  return ref.digest !== undefined ? `${repositoryOf(ref)}@${ref.digest}` : repositoryOf(ref);
}

/** "docker.io/library/postgres:16 is outside --allow-image (a, b); --allow-image X would allow it". */
export function refusalFor(
  ref: ImageReference,
  patterns: readonly ImagePattern[],
  what = 'the image',
): string {
  return `${what} ${canonicalReference(ref)} is outside this server's --allow-image (${patterns.map((p) => p.text).join(', ')}); starting the server with --allow-image ${suggestPattern(ref)} would allow it`;
}

/** A local image's names (RepoTags, RepoDigests, its id) as references, skipping "<none>". */
export function namesOf(image: {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
}): ImageReference[] {
  const refs: ImageReference[] = [];
  for (const name of [...(image.RepoTags ?? []), ...(image.RepoDigests ?? [])]) {
    if (name.startsWith('<none>')) continue;
    try {
      refs.push(parseReference(name));
    } catch {
      // a name the engine holds but this grammar does not read: it cannot allow anything
    }
  }
  return refs;
}

/** Whether a local image is allowed: one of its names is, or its id is an allowed digest. */
export function allowedImage(
  patterns: readonly ImagePattern[],
  image: { Id: string; RepoTags?: string[] | null; RepoDigests?: string[] | null },
): ImagePattern | undefined {
  const byId = patterns.find(
    (pattern) =>
      pattern.repository === undefined && bareImageId(pattern.digest) === bareImageId(image.Id),
  );
  if (byId) return byId;
  for (const ref of namesOf(image)) {
    const found = allowingPattern(patterns, ref);
    if (found) return found;
  }
  return undefined;
}

/** The --allow-image values as patterns (each was checked when the flags were read). */
export function parsePatterns(texts: readonly string[]): ImagePattern[] {
  return texts.map((text) => {
    const parsed = parseImagePattern(text);
    if (typeof parsed === 'string') throw new Error(parsed);
    return parsed;
  });
}

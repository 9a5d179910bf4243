/**
 * Image references read as the engine reads them (the distribution/reference grammar that
 * dockerd uses): `postgres` is `docker.io/library/postgres:latest`, `index.docker.io` is
 * `docker.io`, a first component is a registry only when it has a "." or a ":" or is
 * `localhost`, and a reference with a digest is fetched by that digest, whatever tag it also
 * names. Policy (--allow-image) and answers compare the canonical forms this produces.
 */

export interface ImageReference {
  /** The registry, lower-cased (host names are case-insensitive): "docker.io", "127.0.0.1:5000". */
  domain: string;
  /** The repository path inside it: "library/postgres", "acme/app". */
  path: string;
  /** The tag; "latest" when neither a tag nor a digest was given. */
  tag?: string;
  /** "sha256:<64 hex>": what the engine fetches when present, whatever the tag says. */
  digest?: string;
}

const DOCKER_HUB = 'docker.io';
/** Names of Docker Hub that the engine (or the network) treats as Docker Hub itself. */
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[a-fA-F0-9:]+\])(?::\d+)?$/;
/** A full image id as the engine gives it, with or without its "sha256:" prefix. */
const FULL_ID = /^(?:sha256:)?[a-f0-9]{64}$/;

export class ReferenceError extends Error {
  override readonly name = 'ReferenceError';
}

/** A full image id ("sha256:<64 hex>" or the 64 hex alone): the engine reads it as an id. */
export function isFullImageId(text: string): boolean {
  return FULL_ID.test(text);
}

/** Parse a reference the way the engine does; throws ReferenceError with the reason. */
export function parseReference(text: string): ImageReference {
  if (text === '' || text.length > 4096) throw new ReferenceError('is empty or too long');
  const at = text.indexOf('@');
  const named = at === -1 ? text : text.slice(0, at);
  const digest = at === -1 ? undefined : text.slice(at + 1);
  if (digest !== undefined && !DIGEST.test(digest))
    throw new ReferenceError(`has a digest that is not "sha256:" and 64 lower-case hex digits`);
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const name = hasTag ? named.slice(0, colon) : named;
  const tag = hasTag ? named.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag))
    throw new ReferenceError(`has a tag "${tag}" that is not letters, digits, "_", "." or "-"`);
  const { domain, path } = splitDomain(name);
  return {
    domain,
    path,
    ...(tag !== undefined ? { tag } : digest === undefined ? { tag: 'latest' } : {}),
    ...(digest !== undefined && { digest }),
  };
}

function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const isDomain =
    slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let domain = isDomain ? first : DOCKER_HUB;
  let path = isDomain ? name.slice(slash + 1) : name;
  if (isDomain && !DOMAIN.test(domain)) throw new ReferenceError(`has a bad registry "${domain}"`);
  domain = domain.toLowerCase();
  if (HUB_ALIASES.has(domain)) domain = DOCKER_HUB;
  if (domain === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  if (path !== path.toLowerCase()) throw new ReferenceError('must be lower-case');
  for (const component of path.split('/'))
    if (!PATH_COMPONENT.test(component))
      throw new ReferenceError(
        `has a bad name "${path}" (lower-case letters, digits and "." "_" "-" between them)`,
      );
  return { domain, path };
}

/** The repository's canonical name: "docker.io/library/postgres". */
export function repositoryOf(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The canonical form: "docker.io/library/postgres:16", "...@sha256:…" (a digest wins over a tag). */
export function canonicalReference(ref: ImageReference): string {
  return ref.digest !== undefined
    ? `${repositoryOf(ref)}@${ref.digest}`
    : `${repositoryOf(ref)}:${ref.tag ?? 'latest'}`;
}

/**
 * The name as the engine's pull endpoint takes it: `fromImage` without tag or digest, and
 * `tag` the digest when there is one (the engine pulls every tag when `tag` is empty).
 */
export function pullParameters(ref: ImageReference): { fromImage: string; tag: string } {
  return { fromImage: repositoryOf(ref), tag: ref.digest ?? ref.tag ?? 'latest' };
}

/** The registry as `docker login` names it: Docker Hub's is its index URL. */
export function registryOf(ref: ImageReference): string {
  return ref.domain === DOCKER_HUB ? 'https://index.docker.io/v1/' : ref.domain;
}

/** An image id without its "sha256:" prefix: Podman gives ids with and without it. */
export function bareImageId(id: string | undefined): string {
  return (id ?? '').replace(/^sha256:/, '');
}

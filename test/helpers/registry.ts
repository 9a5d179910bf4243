/**
 * The loopback registries of the image tests (scripts/test-registry.sh): an open one and one
 * with htpasswd auth. Tests push the test image there under names of their own (the run id in
 * the repository), remove it locally, and pull it back through the server. A Docker config
 * with the auth registry's credential lives in a folder of its own, given to a server as
 * DOCKER_CONFIG, so no test reads or writes the user's own.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import tarStream from 'tar-stream';
import { docker, RUN_ID, TEST_IMAGE } from './docker.js';
import { setUp } from './fixtures.js';
import type { Session } from './mcp.js';

export const REGISTRY = `127.0.0.1:${process.env.CONTAINER_MCP_REGISTRY_PORT ?? '5015'}`;
export const AUTH_REGISTRY = `127.0.0.1:${process.env.CONTAINER_MCP_REGISTRY_AUTH_PORT ?? '5016'}`;
const DIR = process.env.CONTAINER_MCP_REGISTRY_DIR ?? '/tmp/container-mcp-registry';
export const REGISTRY_USER = 'mcp-test';

/** Start (or reuse) the registries; the reason the tests cannot run, when they cannot. */
export function setUpRegistries(): string | undefined {
  return setUp('test-registry.sh');
}

export function registryPassword(): string {
  return readFileSync(join(DIR, 'password'), 'utf8').trim();
}

/** The X-Registry-Auth value for the auth registry, or "{}" (push needs the header). */
export function authHeader(withCredential: boolean): string {
  const value = withCredential
    ? { username: REGISTRY_USER, password: registryPassword(), serveraddress: AUTH_REGISTRY }
    : {};
  // Padded, as engines before 23.0 need (Go's base64.URLEncoding).
  return Buffer.from(JSON.stringify(value))
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/** A repository name of this run: "127.0.0.1:5015/container-mcp-<run>/<what>". */
export function repositoryFor(registry: string, what: string): string {
  return `${registry}/container-mcp-${RUN_ID}/${what}`;
}

/** Tag an image as `name:tag`, push it, and remove the local tag; the pushed digest. */
export async function pushImage(
  name: string,
  tag: string,
  options: { from?: string; credential?: boolean } = {},
): Promise<string> {
  const from = options.from ?? TEST_IMAGE;
  const tagged = await docker(
    'POST',
    `/images/${encodeURIComponent(from)}/tag?repo=${encodeURIComponent(name)}&tag=${tag}`,
  );
  if (tagged.status !== 201)
    throw new Error(`tag ${from}: ${tagged.status} ${tagged.raw.toString()}`);
  const pushed = await docker(
    'POST',
    `/images/${encodeURIComponent(name)}/push?tag=${tag}`,
    undefined,
    { 'X-Registry-Auth': authHeader(options.credential ?? false) },
  );
  const text = pushed.raw.toString();
  if (pushed.status !== 200 || /"error"/.test(text))
    throw new Error(`push ${name}:${tag}: ${pushed.status} ${text.slice(-300)}`);
  const digest = /digest: (sha256:[a-f0-9]{64})/.exec(text)?.[1];
  if (!digest) throw new Error(`push ${name}:${tag} named no digest: ${text.slice(-300)}`);
  await removeImage(`${name}:${tag}`);
  return digest;
}

/** Remove a local image by name (force), ignoring one that is not there. */
export async function removeImage(name: string): Promise<void> {
  const answer = await docker('DELETE', `/images/${encodeURIComponent(name)}?force=1`);
  if (answer.status !== 200 && answer.status !== 404)
    throw new Error(`remove ${name}: ${answer.status} ${answer.raw.toString()}`);
}

/** Whether the engine has an image by this reference. */
export async function hasImage(name: string): Promise<boolean> {
  return (await docker('GET', `/images/${encodeURIComponent(name)}/json`)).status === 200;
}

/**
 * A DOCKER_CONFIG folder whose config.json holds `auths` for the auth registry: with the
 * right password, a wrong one, or none.
 */
export function dockerConfig(credential: 'right' | 'wrong' | 'none'): string {
  const dir = mkdtempSync(join(tmpdir(), 'container-mcp-dockercfg-'));
  const password = credential === 'right' ? registryPassword() : 'not-the-password';
  const auths =
    credential === 'none'
      ? {}
      : {
          [AUTH_REGISTRY]: {
            auth: Buffer.from(`${REGISTRY_USER}:${password}`).toString('base64'),
          },
        };
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths }));
  return dir;
}

/**
 * An image of one layer holding `bytes` of random data (it does not compress), imported
 * locally as `name:tag`: big enough for a pull to take a while through a slow proxy.
 */
export async function importRandomImage(name: string, tag: string, bytes: number): Promise<void> {
  const pack = tarStream.pack();
  pack.entry({ name: 'data/random.bin', size: bytes }, randomBytes(bytes));
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  const answer = await docker(
    'POST',
    // The tag inside repo: Podman ignores a separate tag parameter on imports.
    `/images/create?fromSrc=-&repo=${encodeURIComponent(`${name}:${tag}`)}`,
    Buffer.concat(chunks),
    { 'Content-Type': 'application/x-tar' },
  );
  if (answer.status !== 200 || /"error"/.test(answer.raw.toString()))
    throw new Error(`import ${name}:${tag}: ${answer.status} ${answer.raw.toString().slice(-300)}`);
}

export interface Progress {
  progress: number;
  total?: number;
  message?: string;
}

/** image_pull through a session, with the progress notifications that arrived. */
export async function pullWithProgress(
  session: Session,
  image: string,
): Promise<{ result: CallToolResult; progress: Progress[] }> {
  const progress: Progress[] = [];
  const result = (await session.client.callTool(
    { name: 'image_pull', arguments: { image } },
    undefined,
    { onprogress: (p) => progress.push(p) },
  )) as CallToolResult;
  return { result, progress };
}

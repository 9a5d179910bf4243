/**
 * Before the integration and compat tiers: the built server must exist, and the engine under
 * test must answer with the test image present (`npm test` runs scripts/test-engine.sh first,
 * which provides both). The engine under test is DOCKER_HOST; when it is not set, it is the
 * engine the server itself would resolve (the Docker context, a desktop's socket, the default
 * socket), and DOCKER_HOST is set to it so every helper, spawned server and script agrees.
 * After the tier: remove whatever containers this run left behind.
 */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolveEngineAddress } from '../../src/engine/resolve.js';
import { CLI } from './mcp.js';

export async function setup(): Promise<void> {
  process.env.CONTAINER_MCP_TEST_RUN ??= randomUUID().slice(0, 8);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  if (!process.env.DOCKER_HOST) {
    const address = resolveEngineAddress();
    process.env.DOCKER_HOST = address.url;
    process.stderr.write(`engine under test: ${address.url} (from ${address.source})\n`);
  }
  const host = process.env.DOCKER_HOST;
  const { docker, TEST_IMAGE } = await import('./docker.js');
  const ping = await docker('GET', '/_ping').catch((error: Error) => {
    throw new Error(
      `no Docker engine answers at ${host} (${error.message}): run scripts/test-engine.sh, or set DOCKER_HOST to an engine that runs`,
    );
  });
  if (ping.status !== 200) throw new Error(`the engine's /_ping answered ${ping.status}`);
  const image = await docker('GET', `/images/${TEST_IMAGE}/json`);
  if (image.status !== 200)
    throw new Error(
      `test image ${TEST_IMAGE} is missing at ${host}: DOCKER_HOST=${host} scripts/test-engine.sh builds it`,
    );
}

export async function teardown(): Promise<void> {
  const { removeTestContainers } = await import('./docker.js');
  await removeTestContainers('run');
}

/**
 * Before the integration tier: the built server must exist and the engine must answer with
 * the test image present (scripts/test-engine.sh provides both). After it: remove whatever
 * containers this run left behind.
 */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { CLI } from './mcp.js';

export async function setup(): Promise<void> {
  process.env.CONTAINER_MCP_TEST_RUN ??= randomUUID().slice(0, 8);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const { docker, TEST_IMAGE } = await import('./docker.js');
  const ping = await docker('GET', '/_ping').catch((error: Error) => {
    throw new Error(
      `no Docker engine answers (${error.message}): run scripts/test-engine.sh first`,
    );
  });
  if (ping.status !== 200) throw new Error(`the engine's /_ping answered ${ping.status}`);
  const image = await docker('GET', `/images/${TEST_IMAGE}/json`);
  if (image.status !== 200)
    throw new Error(`test image ${TEST_IMAGE} is missing: run scripts/test-engine.sh`);
}

export async function teardown(): Promise<void> {
  const { removeTestContainers } = await import('./docker.js');
  await removeTestContainers('run');
}

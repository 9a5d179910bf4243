/**
 * Tests that need a particular API level of the engine under test say so, and are skipped
 * with the reason on other engines; the compat tier asserts what differs between levels.
 */
import type { TestContext } from 'vitest';
import { apiVersionAtLeast, negotiateApiVersion } from '../../src/engine/version.js';
import { engineApiVersion } from './docker.js';

let negotiated: Promise<string> | undefined;
/** The API version the server uses with the engine under test: min(1.45, the engine's). */
export function serverApiVersion(): Promise<string> {
  negotiated ??= engineApiVersion().then(negotiateApiVersion);
  return negotiated;
}

/** Skip unless the server speaks API `min` or later with the engine under test. */
export async function requireApi(context: TestContext, min: string, why: string): Promise<void> {
  const version = await serverApiVersion();
  context.skip(
    !apiVersionAtLeast(version, min),
    `needs API ${min} or later (${why}); this engine: ${version}`,
  );
}

/** Skip unless the server speaks an API older than `version` with the engine under test. */
export async function requireApiBelow(
  context: TestContext,
  version: string,
  why: string,
): Promise<void> {
  const actual = await serverApiVersion();
  context.skip(
    apiVersionAtLeast(actual, version),
    `needs an API older than ${version} (${why}); this engine: ${actual}`,
  );
}

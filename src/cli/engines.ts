/** The engines a configuration names: the --engine list, or the one --host, --context or the environment resolves to. */
import { Engine, enginesFor, resolveEngineAddress } from '../engine/index.js';
import type { Config } from '../config.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';

/** Throws an AddressError (a start-up mistake) when an address or context is wrong. */
export function createEngines(config: Config): Engine[] {
  const options = {
    timeoutMs: config.timeoutMs,
    idleTimeoutMs: config.idleTimeoutMs,
    userAgent: `${PACKAGE_NAME}/${PACKAGE_VERSION}`,
    ...(config.apiVersion && { apiVersion: config.apiVersion }),
  };
  if (config.engines.length > 0) return enginesFor(config.engines, options);
  const address = resolveEngineAddress({ host: config.host, context: config.context });
  return [new Engine(address, options)];
}

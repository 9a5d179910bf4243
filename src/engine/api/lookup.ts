/** Look-ups that tell "gone" apart from failure: after a delete, a prune or an auto-remove. */
import type { Engine } from '../client.js';
import { EngineError } from '../errors.js';
import type { ContainerInspect } from '../types.js';
import { inspectContainer } from './containers.js';
import { inspectVolume } from './lifecycle.js';

/** The engine's answer, or undefined when it says the object does not exist (404). */
export async function ifExists<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof EngineError && error.code === 'not_found') return undefined;
    throw error;
  }
}

/** The container's inspect document, or undefined when the engine no longer has it. */
export function inspectIfExists(
  engine: Engine,
  id: string,
  signal?: AbortSignal,
): Promise<ContainerInspect | undefined> {
  return ifExists(engine.json<ContainerInspect>(inspectContainer, { params: { id }, signal }));
}

/** Whether the engine has a volume by this name. */
export async function volumeExists(
  engine: Engine,
  name: string,
  signal?: AbortSignal,
): Promise<boolean> {
  return (await ifExists(engine.call(inspectVolume, { params: { name }, signal }))) !== undefined;
}

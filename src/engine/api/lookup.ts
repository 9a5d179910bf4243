/** Look-ups that tell "gone" apart from failure: after a delete, a prune or an auto-remove. */
import type { Engine } from '../client.js';
import { EngineError } from '../errors.js';
import type { ContainerInspect } from '../types.js';
import { inspectContainer } from './containers.js';
import { inspectVolume } from './lifecycle.js';

/** The container's inspect document, or undefined when the engine no longer has it. */
export async function inspectIfExists(
  engine: Engine,
  id: string,
  signal?: AbortSignal,
): Promise<ContainerInspect | undefined> {
  try {
    return await engine.json<ContainerInspect>(inspectContainer, { params: { id }, signal });
  } catch (error) {
    if (error instanceof EngineError && error.code === 'not_found') return undefined;
    throw error;
  }
}

/** Whether the engine has a volume by this name. */
export async function volumeExists(
  engine: Engine,
  name: string,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    await engine.call(inspectVolume, { params: { name }, signal });
    return true;
  } catch (error) {
    if (error instanceof EngineError && error.code === 'not_found') return false;
    throw error;
  }
}

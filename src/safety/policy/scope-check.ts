/**
 * The engine half of --scope-label: look a container up and treat one without the label
 * exactly as one that does not exist. Tools (through the scope middleware) and container://
 * resources both go through here.
 */
import { inspectContainer } from '../../engine/api/containers.js';
import { describeEndpoint } from '../../engine/endpoint.js';
import { EngineError, type ContainerInspect, type Engine } from '../../engine/index.js';
import { inScope, notInScopeMessage, type ScopeLabel } from './scope.js';

/** Resolves when `id` names a container carrying the scope label; a not_found error otherwise. */
export async function assertInScope(
  engine: Engine,
  id: string,
  scope: ScopeLabel,
  signal?: AbortSignal,
): Promise<void> {
  let labels: Record<string, string> | null | undefined;
  try {
    const raw = await engine.json<ContainerInspect>(inspectContainer, { params: { id }, signal });
    labels = raw.Config.Labels;
  } catch (error) {
    if (error instanceof EngineError && error.code === 'not_found') throw outOfScope(id);
    throw error;
  }
  if (!inScope(labels, scope)) throw outOfScope(id);
}

/** The same code, status and endpoint as the engine's own 404, so the two read alike. */
function outOfScope(id: string): EngineError {
  return new EngineError('not_found', notInScopeMessage(id), {
    status: 404,
    endpoint: describeEndpoint(inspectContainer),
  });
}

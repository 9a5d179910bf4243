/**
 * The engine half of --scope-label: look a container up and treat one without the label
 * exactly as one that does not exist. Tools (through the target resolution and the scope
 * middleware) and container:// resources all go through here, and use the full id it
 * returns for every later request: a name looked up twice could name two containers.
 */
import { inspectContainer } from '../../engine/api/containers.js';
import { describeEndpoint } from '../../engine/endpoint.js';
import { EngineError, type ContainerInspect, type Engine } from '../../engine/index.js';
import { inScope, notInScopeMessage, type ScopeLabel } from './scope.js';

/**
 * The container `reference` (a name, id or id prefix) names now, as the engine resolves it;
 * under a scope, one without the label throws the same not_found error as a missing one.
 */
export async function lookUpContainer(
  engine: Engine,
  reference: string,
  scope: ScopeLabel | undefined,
  signal?: AbortSignal,
): Promise<ContainerInspect> {
  let container: ContainerInspect;
  try {
    container = await engine.json<ContainerInspect>(inspectContainer, {
      params: { id: reference },
      signal,
    });
  } catch (error) {
    if (scope && error instanceof EngineError && error.code === 'not_found')
      throw outOfScope(reference);
    throw error;
  }
  if (scope && !inScope(container.Config.Labels, scope)) throw outOfScope(reference);
  return container;
}

/** The full id of the in-scope container `reference` names; a not_found error otherwise. */
export async function assertInScope(
  engine: Engine,
  reference: string,
  scope: ScopeLabel,
  signal?: AbortSignal,
): Promise<string> {
  return (await lookUpContainer(engine, reference, scope, signal)).Id;
}

/** The same code, status and endpoint as the engine's own 404, so the two read alike. */
function outOfScope(reference: string): EngineError {
  return new EngineError('not_found', notInScopeMessage(reference), {
    status: 404,
    endpoint: describeEndpoint(inspectContainer),
  });
}

/**
 * Engine errors rewritten into what a model can act on: what happened (the engine's own
 * words and status) and what to do next.
 */
import type { EngineError, EngineErrorCode } from '../engine/index.js';

export interface ErrorHint {
  /** Matched against the engine's message. */
  match: RegExp;
  /** Only for this error code (any code when absent). */
  code?: EngineErrorCode;
  hint: string;
}

/** State errors the engine reports in prose, with the step that fixes each. */
export const ENGINE_HINTS: ErrorHint[] = [
  {
    match: /No such container/i,
    hint: 'Check the name or id with container_list (all: true shows stopped containers too).',
  },
  {
    match: /No such image/i,
    hint: 'The image must exist on the engine; this server does not pull images. List local images with `docker images`.',
  },
  {
    match: /is not running/i,
    hint: 'The container is not running: start it first (container_start).',
  },
  { match: /is paused/i, hint: 'The container is paused: unpause it first (container_unpause).' },
  { match: /is not paused/i, hint: 'The container is not paused; nothing to unpause.' },
  {
    match:
      /(stop the container before|cannot remove a running container|You cannot remove a running)/i,
    hint: 'The container is running: stop it first (container_stop) or pass force: true.',
  },
  {
    match: /is restarting/i,
    hint: 'The container is restarting: wait for it (container_wait) or stop it first.',
  },
  {
    match: /is already in use/i,
    hint: 'The name is taken: choose another name or remove the container that has it.',
  },
  {
    match: /removal of container .* is already in progress/i,
    hint: 'The container is being removed already.',
  },
  {
    match: /logging driver does not support reading/i,
    hint: "This container's logging driver (none, syslog, …) keeps no log the engine can read back, and docker logs cannot read it either: read it where the driver sends it, or recreate the container with the json-file or local driver.",
  },
  {
    match: /client version .* is too (new|old)/i,
    hint: 'Pin a version this engine supports with --api-version.',
  },
];

const CODE_HINTS: Partial<Record<EngineErrorCode, string>> = {
  unavailable: 'The server is still running; retry once the engine is reachable.',
  timeout: 'The engine did not answer in time; retry, or raise --timeout for a slow engine.',
  cancelled: 'The call was cancelled; nothing more was done.',
  unsupported: 'This engine or API version cannot do this.',
  forbidden: 'The engine refused the operation (a read-only filesystem or volume, or a policy).',
};

export function describeEngineError(
  error: EngineError,
  extraHints: readonly ErrorHint[] = [],
): string {
  const status =
    error.status === undefined
      ? ''
      : ` (HTTP ${error.status}${error.endpoint ? ` from ${error.endpoint}` : ''})`;
  const lines = [`Engine error [${error.code}]${status}: ${error.message}`];
  const hint =
    [...extraHints, ...ENGINE_HINTS].find(
      (h) => (h.code === undefined || h.code === error.code) && h.match.test(error.message),
    )?.hint ?? CODE_HINTS[error.code];
  if (hint) lines.push(`Next: ${hint}`);
  return lines.join('\n');
}

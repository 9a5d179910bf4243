/**
 * Engine errors rewritten into what a model can act on: what happened (the engine's own
 * words and status) and what to do next.
 */
import type { EngineError, EngineErrorCode } from '../engine/index.js';
import { ellipsize, MAX_QUOTED_CHARS } from '../render/bound.js';
import { callEffects, type Effect, type Effects } from './effects.js';

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
    hint: 'The image must exist locally on the engine: image_pull fetches it (image_list shows the images there are).',
  },
  {
    match: /does not match the specified platform/i,
    hint: 'The local image is for another platform: leave platform out, or pull the image for that platform (image_pull with platform).',
  },
  {
    // dockerd: 409 "Cannot kill container: x: Container x is not running"; Podman: 500 "can
    // only kill running containers. x is in state exited".
    match: /(Cannot kill container: .* is not running|can only kill running containers)/i,
    hint: 'The container is already stopped: there is nothing to signal. container_inspect shows how it exited; container_start runs it again.',
  },
  {
    match: /(cannot start a paused container|must be in Created or Stopped state to be started)/i,
    hint: 'The container is paused, not stopped: resume it with container_unpause.',
  },
  {
    match: /is already paused/i,
    hint: 'The container is already paused; nothing to do. container_unpause resumes it.',
  },
  {
    // 20.10: "You cannot remove a paused container"; 26: "cannot remove container "/x":
    // container is paused and must be unpaused first"; Podman: "... as it is paused".
    match:
      /(cannot remove a paused container|cannot remove container .*(as it is|container is) paused)/i,
    hint: 'The container is paused: unpause it (container_unpause) and stop it first, or pass force: true to kill and remove it.',
  },
  {
    match: /(unable to start container process|executable file not found)/i,
    hint: "The container's command could not be started (a missing executable or path): check Cmd and Entrypoint against the image. The container stays created; container_delete removes it.",
  },
  {
    match: /attach over WebSocket is not supported/i,
    hint: 'Use container_attach: the same bounded session over a hijacked connection, with stdout and stderr told apart.',
  },
  {
    match: /can only resize created or running containers/i,
    hint: 'The container is not running: start it first (container_start); its TTY has a size only while it runs.',
  },
  {
    // Podman answers an exec on a stopped container with the second form.
    match: /(is not running|can only create exec sessions on running containers)/i,
    hint: 'The container is not running: start it first (container_start).',
  },
  {
    match: /(unable to find (user|group) |no matching entries in (passwd|group) file)/i,
    hint: 'The user or group is not in the container\'s /etc/passwd or /etc/group: give a numeric uid[:gid] (e.g. "1000:1000"), or a user the image has.',
  },
  { match: /is paused/i, hint: 'The container is paused: unpause it first (container_unpause).' },
  { match: /is not paused/i, hint: 'The container is not paused; nothing to unpause.' },
  {
    match:
      /(stop the container before|cannot remove a running container|You cannot remove a running|cannot remove container .* as it is running)/i,
    hint: 'The container is running: stop it first (container_stop) or pass force: true.',
  },
  {
    match: /is restarting/i,
    hint: 'The container is restarting: wait for it (container_wait) or stop it first.',
  },
  {
    match: /Renaming a container with the same name/i,
    hint: 'The container already has that name; nothing to do.',
  },
  {
    match: /Minimum memory limit allowed/i,
    hint: 'Memory must be at least 6 MiB (6291456 bytes); 0 means no limit at creation.',
  },
  {
    match: /(memoryswap limit|Minimum memoryswap)/i,
    hint: 'Set MemorySwap in the same call: the total of memory and swap, at least Memory, or -1 for unlimited swap.',
  },
  {
    match: /minimum allowed cpu-shares/i,
    hint: 'CpuShares must be at least 2 (1024 is the default weight).',
  },
  {
    match: /Conflicting options: .*(Nano ?CPUs|CPU Period|CPU Quota)/i,
    hint: 'Keep to the kind of CPU limit the container already has: NanoCpus, or CpuPeriod with CpuQuota.',
  },
  {
    match:
      /(Restart policy cannot be updated because AutoRemove|'AutoRemove' container with restart policy)/i,
    hint: 'A container that removes itself on exit (AutoRemove) cannot have a restart policy: drop one of the two (recreate the container to change AutoRemove).',
  },
  {
    match: /Couldn't find PID field in ps output/i,
    hint: 'ps_args must make ps print a PID column: use "-ef" (the default), "aux", or "-o pid,args".',
  },
  {
    match: /cannot remove the default link name/i,
    hint: 'link: true removes a legacy link given as "<container>/<alias>", not a container: leave link out to remove the container.',
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
    match: /(logging driver does not support reading|log driver, cannot read logs)/i,
    hint: "This container's logging driver (none, syslog, …) keeps no log the engine can read back, and docker logs cannot read it either: read it where the driver sends it, or recreate the container with the json-file or local driver.",
  },
  {
    match: /client version .* is too (new|old)/i,
    hint: 'Pin a version this engine supports with --api-version.',
  },
];

const CODE_HINTS: Partial<Record<EngineErrorCode, string>> = {
  unavailable: 'The server is still running; retry once the engine is reachable.',
  timeout:
    'The engine did not answer in time; retry, or raise --timeout (quick calls) or --idle-timeout (long ones) for a slow engine.',
  interrupted:
    'Call again; if it breaks again, check the engine (docker info, and its log): it may have restarted or run out of memory.',
  cancelled: 'The call was cancelled; nothing more was done.',
  unsupported: 'This engine or API version cannot do this.',
  forbidden: 'The engine refused the operation (a read-only filesystem or volume, or a policy).',
};

/** What a call that broke off may have done, from what its tool can do. */
const PART_DONE: Partial<Record<Effect, string>> = {
  'container-state': "the container's state may have changed",
  'container-files': 'some files may have been written',
  'host-settings': 'a container may have been created or updated',
  'runs-code': 'input may have reached the process',
  'host-file': 'a partial file may have been written',
  destroys: 'something may have been removed or overwritten',
  images: 'an image may have been pulled in part, tagged or committed',
};

/**
 * "Nothing was changed: this call only reads." or what the engine may have done in part,
 * from the effects this call has (its arguments included: an export without save_to reads).
 */
export function changeNote(effects: Effects, args: unknown): string {
  const { sure, maybe } = callEffects(effects, args);
  const possible = new Set([...sure, ...maybe]);
  if (possible.size === 0) return 'Nothing was changed: this call only reads.';
  const parts = [...possible].flatMap((effect) => PART_DONE[effect] ?? []);
  return `The engine may have carried out part of the call (${parts.join('; ')}): check the container before calling again.`;
}

/**
 * The engine's message may quote what it was sent (a 256-character name): a word longer than
 * MAX_QUOTED_CHARS is cut, so no answer echoes more than that of a caller's input.
 */
const LONG_WORD = new RegExp(`\\S{${MAX_QUOTED_CHARS + 1},}`, 'g');

function cutLongWords(message: string): string {
  return message.replace(LONG_WORD, (word) => ellipsize(word, MAX_QUOTED_CHARS));
}

/** Codes of a call that broke off after the engine got it: say what may have changed. */
const MID_CALL: readonly EngineErrorCode[] = ['interrupted', 'timeout'];

/** The next step for an engine message, from the hints above (undefined when none fits). */
export function engineHint(message: string): string | undefined {
  return ENGINE_HINTS.find((h) => h.match.test(message))?.hint;
}

export function describeEngineError(
  error: EngineError,
  extraHints: readonly ErrorHint[] = [],
  call?: { effects: Effects; args: unknown },
): string {
  const status =
    error.status === undefined
      ? ''
      : ` (HTTP ${error.status}${error.endpoint ? ` from ${error.endpoint}` : ''})`;
  const lines = [`Engine error [${error.code}]${status}: ${cutLongWords(error.message)}`];
  if (call && MID_CALL.includes(error.code)) lines.push(changeNote(call.effects, call.args));
  const hint =
    [...extraHints, ...ENGINE_HINTS].find(
      (h) => (h.code === undefined || h.code === error.code) && h.match.test(error.message),
    )?.hint ?? CODE_HINTS[error.code];
  if (hint) lines.push(`Next: ${hint}`);
  return lines.join('\n');
}

/** What the lifecycle scenarios (integration and compat) share. */
import { inspect } from './docker.js';

/** sh as PID 1 ignores SIGTERM; only the USR1 trap makes it exit, with a code of its own. */
export const LIFECYCLE_SCRIPT =
  "touch /created-by-test; trap 'exit 42' USR1; while :; do sleep 0.1; done";

/** The engine's own view of a container that must still exist. */
export async function engineState(id: string) {
  const state = await inspect(id);
  if (!state) throw new Error(`${id} is gone`);
  return state;
}

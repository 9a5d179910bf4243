/** What the lifecycle scenarios (integration and compat) share. */
import { createContainer, docker, eventually, inspect, type TestContainer } from './docker.js';

/** sh as PID 1 ignores SIGTERM; only the USR1 trap makes it exit, with a code of its own. */
export const LIFECYCLE_SCRIPT =
  "touch /created-by-test; trap 'exit 42' USR1; while :; do sleep 0.1; done";

/** The engine's own view of a container that must still exist. */
export async function engineState(id: string) {
  const state = await inspect(id);
  if (!state) throw new Error(`${id} is gone`);
  return state;
}

/**
 * A container whose shell (PID 1) traps the given signals, returned once the traps are set:
 * the kernel drops a signal PID 1 has no handler for, so one sent earlier would be lost.
 */
export async function trapping(
  traps: Record<string, string>,
  hostConfig?: Record<string, unknown>,
): Promise<TestContainer> {
  const lines = Object.entries(traps).map(([signal, action]) => `trap '${action}' ${signal};`);
  const cmd = ['sh', '-c', `${lines.join(' ')} touch /trapped; while :; do sleep 0.1; done`];
  const c = await createContainer({ cmd, ...(hostConfig && { hostConfig }) });
  await eventually(async () => (await added(c.id)).includes('/trapped'));
  return c;
}

/** The paths a container added to its filesystem (docker diff's "A" lines). */
export async function added(id: string): Promise<string[]> {
  const changes = await docker<{ Path: string; Kind: number }[] | null>(
    'GET',
    `/containers/${id}/changes`,
  );
  return (changes.body ?? []).filter((c) => c.Kind === 1).map((c) => c.Path);
}

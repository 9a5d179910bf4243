/**
 * The create and update guards: a body walked against its table, the findings settled
 * against the policy and the engine, and the body the engine should get (references pinned
 * to the containers that were checked).
 */
import type { ContainerInspect } from '../../engine/index.js';
import { hostPathsNowMounted, volumesBoundToHostPaths } from './container-powers.js';
import type { GuardFacts } from './guard-facts.js';
import type { GuardPolicy } from './host-path.js';
import { namedVolumes, type VolumeBody } from './scope-volumes.js';
import { settle, type Verdict } from './settings-settle.js';
import { CREATE_SETTINGS, UPDATE_SETTINGS } from './settings-table.js';
import { isRecord, walkSettings, type Segments } from './settings-walk.js';

export interface Guarded {
  problems: string[];
  /** The body to send: the given one, with references rewritten to full ids. */
  body: unknown;
}

/**
 * container_create's body, shown as `at` ("body"). Its named volumes count as host paths for
 * a restart policy when they are `local` volumes bound to one: the engine mounts the bound
 * path again at every restart, with no re-check.
 */
export async function guardCreate(
  body: unknown,
  policy: GuardPolicy,
  facts: GuardFacts,
  at = 'body',
): Promise<Guarded> {
  const verdict = await settle(walkSettings(body, CREATE_SETTINGS, at), policy, facts, {
    mountsHostPaths: async () => {
      const names = isRecord(body) ? namedVolumes(body as VolumeBody).map((v) => v.name) : [];
      return (await volumesBoundToHostPaths(names, facts)).length > 0;
    },
  });
  return { problems: verdict.problems, body: rewritten(body, verdict) };
}

/**
 * container_update's body. A restart policy is refused on a container that mounts host
 * paths: the engine would restart it without the server's re-check of those paths.
 */
export async function guardUpdate(
  update: unknown,
  target: () => Promise<ContainerInspect | undefined>,
  policy: GuardPolicy,
  facts: GuardFacts,
  at = 'update',
): Promise<Guarded> {
  const verdict = await settle(walkSettings(update, UPDATE_SETTINGS, at), policy, facts, {
    mountsHostPaths: async () => {
      const raw = await target();
      return raw !== undefined && (await hostPathsNowMounted(raw, facts)).length > 0;
    },
  });
  return { problems: verdict.problems, body: rewritten(update, verdict) };
}

function rewritten(body: unknown, verdict: Verdict): unknown {
  if (verdict.rewrites.length === 0) return body;
  const copy = structuredClone(body);
  for (const { at, value } of verdict.rewrites) setAt(copy, at, value);
  return copy;
}

function setAt(root: unknown, at: Segments, value: string): void {
  let node = root;
  for (const key of at.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  const last = at.at(-1);
  if (last !== undefined && (isRecord(node) || Array.isArray(node)))
    (node as Record<string | number, unknown>)[last] = value;
}

/**
 * Host paths re-checked when it matters: before a call that starts a container's process
 * (declared by its effects), every host path the container mounts is resolved again against
 * the --allow-bind roots. A path that was fine at creation can become a symlink to anywhere
 * on the host (a missing directory created later as a link, written by another container).
 * It runs before the confirmation, so no one is asked to confirm a start that would be
 * refused; a confirmed call is a new round (the answer comes with a repeated call), which
 * runs it again, as close to the engine's mount as the server can get.
 */
import type { ContainerInspect } from '../../engine/index.js';
import { toolInput, type ToolMiddleware } from '../../mcp/middleware.js';
import type { PolicyConfig } from '../../config.js';
import { targetLabel } from '../../containers/lookup.js';
import { devicePathsOf, hostPathsNowMounted } from './container-powers.js';
import { engineFacts, type GuardFacts } from './guard-facts.js';
import { refusal } from './guard-middleware.js';
import { checkDevicePath, checkHostPath, type GuardPolicy } from './host-path.js';
import { show } from './settings-settle.js';

type Policy = Pick<PolicyConfig, 'allowPrivileged' | 'allowBinds' | 'scopeLabel'>;

export function startGuardMiddleware(policy: Policy): ToolMiddleware {
  return async (call, next) => {
    const { startsContainer, targets } = call.tool.effects;
    if (!startsContainer || !('one' in targets)) return next();
    const facts = engineFacts(call.ctx.engine, call.ctx.signal, policy.scopeLabel);
    const id = String(toolInput(call)[targets.one]);
    // The container the call's one lookup found (a missing one is the tool's answer to give).
    const raw = call.ctx.target?.container ?? (await facts.container(id));
    const problems = raw ? await hostPathsNow(raw, policy, facts) : [];
    if (problems.length === 0) return next();
    return refusal(
      call.tool.name,
      problems,
      `The host paths ${targetLabel(call.ctx, id)} mounts are checked again at every start (they can change after creation):`,
    );
  };
}

/**
 * One line per host path the container mounts, or host device path it names, that the policy
 * would not allow now.
 */
export async function hostPathsNow(
  raw: ContainerInspect,
  policy: GuardPolicy,
  facts: Pick<GuardFacts, 'volume' | 'hostPaths'>,
): Promise<string[]> {
  const mounted = (await hostPathsNowMounted(raw, facts)).map((path) => ({
    ...path,
    verdict: checkHostPath(path.source, policy, facts.hostPaths),
  }));
  const devices = devicePathsOf(raw).map((path) => ({
    ...path,
    verdict: checkDevicePath(path.source, facts.hostPaths),
  }));
  return [...mounted, ...devices].flatMap(({ field, source, verdict }) =>
    verdict.ok ? [] : [`${field}: ${show(source)} ${verdict.what}; ${verdict.unless}`],
  );
}

/**
 * Reaching into a container is acting on it (REACH_EFFECTS in the effects model): a call
 * whose effects say it can reach (a create, by its body; a start, by the target's own
 * settings) looks up the containers it reaches, once the guards have pinned the body's
 * references to full ids. Each must be in --scope-label's scope (an out-of-scope one is never
 * named), and what reaching does must be something this server does to existing containers
 * at all: with --no-destructive, or when --tools / --deny-tools leave no tool that runs code
 * in one (container_exec) or destroys one, such a call is refused, while the same create
 * without the reach goes on. The confirmation's preview names each container
 * (../confirm/reach-preview.ts), and the audit log records them.
 */
import type { PolicyConfig } from '../../config.js';
import type { Tool, ToolContext } from '../../mcp/define.js';
import { REACH_EFFECTS, type Effect } from '../../mcp/effects.js';
import { toolInput, type ToolCall, type ToolMiddleware } from '../../mcp/middleware.js';
import { inspectTarget } from '../../containers/lookup.js';
import { shortId } from '../../render/containers.js';
import { escapeControl } from '../../render/escape.js';
import { engineFacts } from './guard-facts.js';
import { refusal } from './guard-middleware.js';
import { reachedBy, type Reached, type ReachingSettings } from './reach.js';
import { inScope, type ScopeLabel } from './scope.js';

type Policy = Pick<PolicyConfig, 'noDestructive' | 'scopeLabel'>;

/** The containers a call reaches into; empty for a tool that cannot reach. */
export async function reachOfCall(
  tool: Pick<Tool, 'effects'>,
  input: unknown,
  ctx: ToolContext,
  scope: ScopeLabel | undefined,
): Promise<Reached[]> {
  const { reaches, settings, targets } = tool.effects;
  const given = input as Record<string, unknown>;
  const facts = engineFacts(ctx.engine, ctx.signal, scope);
  if (reaches === 'settings' && settings) {
    const body = given[settings.argument] as { HostConfig?: ReachingSettings } | undefined;
    return reachedBy(body?.HostConfig ?? {}, facts, `${settings.argument}.HostConfig`);
  }
  if (reaches === 'target' && 'one' in targets) {
    const raw = await inspectTarget(ctx, String(given[targets.one]));
    return reachedBy(raw.HostConfig, facts, 'HostConfig', raw.Id);
  }
  return [];
}

const reachedByCall = new WeakMap<ToolCall, Reached[]>();

/** What the call was found to reach (for the audit log); empty when it reaches nothing. */
export function reachedOf(call: ToolCall): readonly Reached[] {
  return reachedByCall.get(call) ?? [];
}

/** What this round's reach step found, for the preview; undefined when it did not run. */
export function reachFound(call: ToolCall): readonly Reached[] | undefined {
  return reachedByCall.get(call);
}

/** The effects reaching takes on that the policy leaves out, each with the reason. */
function forbiddenReach(
  policy: Policy,
  offered: readonly Pick<Tool, 'effects'>[],
): Map<Effect, string> {
  // What the offered tools do, whatever their arguments, to a container that already exists.
  const onExisting = new Set(
    offered.filter((tool) => !('creates' in tool.effects.targets)).flatMap((t) => t.effects.always),
  );
  const forbidden = new Map<Effect, string>();
  for (const effect of REACH_EFFECTS)
    if (policy.noDestructive) forbidden.set(effect, 'which --no-destructive forbids');
    else if (!onExisting.has(effect))
      forbidden.set(
        effect,
        `which no tool this server offers does to an existing container (--tools, --deny-tools)`,
      );
  return forbidden;
}

export function reachMiddleware(
  policy: Policy,
  offered: readonly Pick<Tool, 'effects'>[],
): ToolMiddleware {
  const forbidden = forbiddenReach(policy, offered);
  return async (call, next) => {
    if (call.tool.effects.reaches === undefined) return next();
    const reached = await reachOfCall(call.tool, toolInput(call), call.ctx, policy.scopeLabel);
    reachedByCall.set(call, reached);
    if (reached.length === 0) return next();
    const scope = policy.scopeLabel;
    const outside = scope ? reached.filter((c) => !inScope(c.labels, scope)) : [];
    if (outside.length > 0)
      return refusal(
        call.tool.name,
        outside.flatMap((c) => c.ways.map(fieldOf)),
        "It reaches into a container outside this server's scope (--scope-label), by:",
      );
    if (forbidden.size === 0) return next();
    return refusal(
      call.tool.name,
      reached.map(describeReached),
      `Reaching into another container is acting on it: ${whyForbidden(forbidden)}. It reaches:`,
    );
  };
}

const REACH_WORDS: Partial<Record<Effect, string>> = {
  'runs-code': 'run code in it',
  destroys: 'destroy it',
};

/** "it could run code in it and destroy it, which --no-destructive forbids". */
function whyForbidden(forbidden: ReadonlyMap<Effect, string>): string {
  const byReason = new Map<string, string[]>();
  for (const [effect, reason] of forbidden)
    byReason.set(reason, [...(byReason.get(reason) ?? []), REACH_WORDS[effect] ?? effect]);
  return [...byReason]
    .map(([reason, words]) => `it could ${words.join(' and ')}, ${reason}`)
    .join('; ');
}

/** "body.HostConfig.PidMode" of a way. */
const fieldOf = (way: string): string => way.split(' ')[0] ?? way;

/** '"victim" (3f2a1b2c4d5e): body.HostConfig.PidMode joins its PID namespace (...)'. */
function describeReached(container: Reached): string {
  return `"${escapeControl(container.name)}" (${shortId(container.id)}): ${container.ways.map(escapeControl).join('; ')}`;
}

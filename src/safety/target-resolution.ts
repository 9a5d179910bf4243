/**
 * Resolve once: a call whose tool acts on one container (`targets: {one: ARG}` in its
 * effects) looks that container up here, once, through the scope when --scope-label is on.
 * The result is kept on the context (ToolContext.target): the tool's input holds its full id
 * (mcp/middleware.ts, toolInput), so that every later engine request of the call (the
 * preview, the guards, the action, the state afterwards) reaches the container that was
 * checked, and previews need no second lookup. A name looked up twice could name two
 * containers: one renamed in between, or an id prefix that stops being a name. The
 * argument as given stays on the call: confirmations bind it, answers echo it.
 *
 * Tools that build on this read `ctx.target` (tools/containers/inspect.ts, the attach
 * session) or simply use their argument, which holds the full id.
 */
import type { ToolAnswer } from '../mcp/define.js';
import type { ToolMiddleware } from '../mcp/middleware.js';
import { lookUpContainer } from './policy/scope-check.js';
import type { ScopeLabel } from './policy/scope.js';

export function targetResolution(scope: ScopeLabel | undefined): ToolMiddleware {
  return async (call, next) => {
    const targets = call.tool.effects.targets;
    if (!('one' in targets)) return next();
    const given = call.args[targets.one];
    if (typeof given !== 'string') return next();
    if (targets.linkWhen !== undefined && call.args[targets.linkWhen] === true)
      return scope ? linkRefused(call.tool.name, targets.linkWhen) : next();
    // A call with a bound of its own (container_wait's timeout_s) is ended by that bound,
    // which its signal carries, not by the quick-call timeout: its answer then says so.
    const timeoutMs = call.ctx.deadline === undefined ? undefined : null;
    const { engine, signal } = call.ctx;
    const container = await lookUpContainer(engine, given, scope, signal, timeoutMs);
    call.ctx = { ...call.ctx, target: { given, id: container.Id, container } };
    return next();
  };
}

/**
 * A legacy link is named by container names ("<container>/<alias>"), which no id can pin:
 * under a scope it could reach a container outside it between the check and the removal.
 */
function linkRefused(tool: string, argument: string): Promise<ToolAnswer> {
  return Promise.resolve({
    isError: true,
    text: `${tool} refused: with ${argument}: true the container is named through a legacy link, which this server cannot pin to a container in its scope (--scope-label). Nothing was changed. Remove the link outside this server, or recreate the containers without Links.`,
  });
}

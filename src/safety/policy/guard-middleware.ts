/**
 * The settings guards (./settings-guard.ts) as a middleware, for every tool whose effects
 * say it carries container settings that reach the host: a refused body changes nothing on
 * the engine and answers with every refused field at once; an accepted one goes on with its
 * references pinned to the containers that were checked.
 */
import type { ToolAnswer } from '../../mcp/define.js';
import { toolInput, type ToolMiddleware } from '../../mcp/middleware.js';
import type { PolicyConfig } from '../../config.js';
import { engineFacts } from './guard-facts.js';
import { guardCreate, guardUpdate } from './settings-guard.js';

type Policy = Pick<PolicyConfig, 'allowPrivileged' | 'allowBinds' | 'scopeLabel'>;

export function guardMiddleware(policy: Policy): ToolMiddleware {
  return async (call, next) => {
    const { settings, targets } = call.tool.effects;
    if (!settings) return next();
    const input = toolInput(call);
    const facts = engineFacts(call.ctx.engine, call.ctx.signal, policy.scopeLabel);
    const given = input[settings.argument];
    const target = 'one' in targets ? String(input[targets.one]) : undefined;
    const guarded =
      settings.form === 'create'
        ? await guardCreate(given, policy, facts, settings.argument)
        : await guardUpdate(
            given,
            async () =>
              call.ctx.target?.container ??
              (target === undefined ? undefined : facts.container(target)),
            policy,
            facts,
            settings.argument,
          );
    if (guarded.problems.length > 0) return refusal(call.tool.name, guarded.problems);
    call.amended[settings.argument] = guarded.body;
    return next();
  };
}

/** Every refused field at once, one per line; `why` says what was checked, when it helps. */
export function refusal(tool: string, problems: readonly string[], why = ''): ToolAnswer {
  return {
    isError: true,
    text: [
      `${tool} refused by this server's policy: nothing was changed.${why ? ` ${why}` : ''}`,
      ...problems.map((line) => `- ${line}`),
    ].join('\n'),
  };
}

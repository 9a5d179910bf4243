/**
 * The create and update guards (./create-guards.ts) as a middleware, for every tool whose
 * effects say it carries container settings that reach the host: a refused body changes
 * nothing on the engine and answers with every refused field at once.
 */
import type { ToolAnswer } from '../../mcp/define.js';
import type { ToolMiddleware } from '../../mcp/middleware.js';
import {
  createGuardProblems,
  updateGuardProblems,
  type GuardedHostConfig,
  type GuardPolicy,
} from './create-guards.js';
import { resolveHostPath } from './host-path.js';

export function guardMiddleware(policy: GuardPolicy): ToolMiddleware {
  return (call, next) => {
    const settings = call.tool.effects.settings;
    if (!settings) return next();
    const given = (call.input as Record<string, unknown>)[settings.argument];
    const problems =
      settings.form === 'create'
        ? createGuardProblems(
            (given as { HostConfig?: GuardedHostConfig }).HostConfig,
            policy,
            resolveHostPath,
          )
        : updateGuardProblems(given as GuardedHostConfig, policy);
    return problems.length > 0 ? Promise.resolve(refusal(call.tool.name, problems)) : next();
  };
}

function refusal(tool: string, problems: string[]): ToolAnswer {
  return {
    isError: true,
    text: [
      `${tool} refused by this server's policy: nothing was changed.`,
      ...problems.map((line) => `- ${line}`),
    ].join('\n'),
  };
}

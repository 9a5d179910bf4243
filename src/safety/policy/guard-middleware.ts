/**
 * The create and update guards (./create-guards.ts) as a middleware: a refused body changes
 * nothing on the engine and answers with every refused field at once.
 */
import type { ToolAnswer } from '../../tools/define.js';
import type { ToolMiddleware } from '../../tools/middleware.js';
import {
  createGuardProblems,
  updateGuardProblems,
  type GuardedHostConfig,
  type GuardPolicy,
} from './create-guards.js';
import { resolveHostPath } from './host-path.js';

type Input = Record<string, unknown>;

export function guardMiddleware(policy: GuardPolicy): ToolMiddleware {
  return (call, next) => {
    const input = call.input as Input;
    let problems: string[] = [];
    if (call.tool.name === 'container_create') {
      const body = input.body as { HostConfig?: GuardedHostConfig };
      problems = createGuardProblems(body.HostConfig, policy, resolveHostPath);
    } else if (call.tool.name === 'container_update') {
      problems = updateGuardProblems(input.update as GuardedHostConfig, policy);
    }
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

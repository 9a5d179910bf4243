/**
 * prompts/list, prompts/get and the completion of prompt arguments on the protocol server:
 * the one place that knows the SDK's prompt API (the v2 move adapts this function only).
 * A prompt whose first tool the policy does not offer is left out; a completion that fails
 * (the engine is down, a typo) suggests nothing rather than erring.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { EngineRegistry } from '../engine/index.js';
import type { Logger } from '../log.js';
import type { ScopeLabel } from '../safety/policy/scope.js';
import type { PromptArgument, PromptSpec } from './define.js';
import { PROMPTS } from './index.js';

export interface PromptsHost {
  engines: EngineRegistry;
  scope: ScopeLabel | undefined;
  log: Logger;
  /** The tools this server offers, after the policy. */
  tools: ReadonlySet<string>;
}

export function registerPrompts(
  server: McpServer,
  host: PromptsHost,
  prompts: readonly PromptSpec[] = PROMPTS,
): void {
  for (const prompt of offeredPrompts(prompts, host.tools)) {
    const shape = Object.fromEntries(
      prompt.arguments.map((argument) => [argument.name, argumentSchema(argument, host)]),
    );
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: shape },
      (args) => ({
        description: prompt.description,
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text: prompt.message(args as Record<string, string | undefined>, host.tools),
            },
          },
        ],
      }),
    );
  }
}

/** The prompts whose first tool this server offers. */
export function offeredPrompts(
  prompts: readonly PromptSpec[],
  tools: ReadonlySet<string>,
): PromptSpec[] {
  return prompts.filter((prompt) => tools.has(prompt.uses[0].name));
}

function argumentSchema(argument: PromptArgument, host: PromptsHost) {
  const schema = (argument.required ? argument.schema : argument.schema.optional()).describe(
    argument.description,
  );
  const complete = argument.complete;
  if (!complete) return schema;
  return completable(schema, async (typed) => {
    try {
      return await complete(typeof typed === 'string' ? typed : '', {
        engine: host.engines.default,
        scope: host.scope,
      });
    } catch (error) {
      host.log.debug(`completion of ${argument.name} failed`, error);
      return [];
    }
  });
}

/**
 * prompts/list, prompts/get and the completion of prompt arguments, prepared once per
 * process from the prompt table (the policy decides which prompts are offered: one whose
 * first tool it drops is left out) and answered on every server instance, both eras. A
 * bad argument is refused naming it and the fix; a completion that fails (the engine is
 * down, a typo) suggests nothing rather than erring.
 */
import {
  ProtocolError,
  ProtocolErrorCode,
  type GetPromptResult,
  type Prompt,
} from '@modelcontextprotocol/server';
import type { EngineRegistry } from '../engine/index.js';
import type { Logger } from '../log.js';
import { quote } from '../render/bound.js';
import { didYouMean } from '../render/suggest.js';
import type { ScopeLabel } from '../safety/policy/scope.js';
import type { PromptSpec } from './define.js';
import { PROMPTS } from './index.js';
import { quietly } from '../resources/complete.js';

export interface PromptsHost {
  engines: EngineRegistry;
  scope: ScopeLabel | undefined;
  log: Logger;
  /** The tools this server offers, after the policy. */
  tools: ReadonlySet<string>;
}

export interface PreparedPrompts {
  /** prompts/list's answer. */
  listing: Prompt[];
  get(name: string, args: Readonly<Record<string, string>>): GetPromptResult;
  complete(name: string, argument: string, typed: string): Promise<string[]>;
}

export function preparePrompts(
  host: PromptsHost,
  prompts: readonly PromptSpec[] = PROMPTS,
): PreparedPrompts {
  const offered = offeredPrompts(prompts, host.tools);
  const byName = new Map(offered.map((prompt) => [prompt.name, prompt]));
  const find = (name: string): PromptSpec => {
    const prompt = byName.get(name);
    if (!prompt)
      throw invalid(
        `Unknown prompt ${quote(name)}${didYouMean(name, byName.keys())}; prompts/list shows them`,
      );
    return prompt;
  };
  return {
    listing: offered.map((prompt) => ({
      name: prompt.name,
      title: prompt.title,
      description: prompt.description,
      arguments: prompt.arguments.map(({ name, description, required }) => ({
        name,
        description,
        required,
      })),
    })),
    get(name, args) {
      const prompt = find(name);
      const text = prompt.message(checkedArguments(prompt, args), host.tools);
      return {
        description: prompt.description,
        messages: [{ role: 'user', content: { type: 'text', text } }],
      };
    },
    async complete(name, argumentName, typed) {
      const argument = byName.get(name)?.arguments.find((each) => each.name === argumentName);
      const complete = argument?.complete;
      if (!complete) return [];
      return quietly(host.log, argumentName, () =>
        complete(typed, { engine: host.engines.default, scope: host.scope }),
      );
    },
  };
}

/** The prompts whose first tool this server offers. */
function offeredPrompts(prompts: readonly PromptSpec[], tools: ReadonlySet<string>): PromptSpec[] {
  return prompts.filter((prompt) => tools.has(prompt.uses[0].name));
}

/** Every argument checked by its schema: a missing, unknown or bad one is named with the fix. */
function checkedArguments(
  prompt: PromptSpec,
  given: Readonly<Record<string, string>>,
): Record<string, string | undefined> {
  const problems: string[] = [];
  const known = prompt.arguments.map((argument) => argument.name);
  for (const name of Object.keys(given))
    if (!known.includes(name))
      problems.push(
        `${name}: unknown argument${didYouMean(name, known)} (it takes ${known.join(', ')})`,
      );
  const checked: Record<string, string | undefined> = {};
  for (const argument of prompt.arguments) {
    const value = given[argument.name];
    if (value === undefined) {
      if (argument.required) problems.push(`${argument.name}: required (${argument.description})`);
      continue;
    }
    const parsed = argument.schema.safeParse(value);
    if (parsed.success) checked[argument.name] = parsed.data;
    else
      problems.push(
        `${argument.name}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
      );
  }
  if (problems.length > 0)
    throw invalid(`Invalid arguments for prompt ${prompt.name}: ${problems.join('; ')}`);
  return checked;
}

function invalid(message: string): ProtocolError {
  return new ProtocolError(ProtocolErrorCode.InvalidParams, message);
}

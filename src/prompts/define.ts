/**
 * A prompt is data, as a tool is: its name, what it is for, its arguments (each with a zod
 * schema that checks what a person typed, and optionally how to complete it from the
 * engine), the tools it relies on, and the message it becomes. One function registers them
 * all with the protocol server (./register.ts); nothing here knows the SDK.
 */
import type { z } from 'zod';
import type { Engine } from '../engine/index.js';
import type { Tool } from '../mcp/define.js';
import type { ScopeLabel } from '../safety/policy/scope.js';

/** What a completion may ask of the server: the engine, through the scope. */
export interface CompletionContext {
  engine: Engine;
  scope: ScopeLabel | undefined;
}

export interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
  /** Checks what was typed; a refusal names the argument and the fix. */
  schema: z.ZodType<string>;
  /** Values starting with what was typed so far. */
  complete?: (typed: string, ctx: CompletionContext) => Promise<string[]>;
}

export interface PromptSpec {
  name: string;
  title: string;
  description: string;
  arguments: readonly PromptArgument[];
  /** The tools its message tells the model to use: left out when the policy drops the first. */
  uses: readonly [Tool, ...Tool[]];
  /**
   * The user message, from the arguments; `offered` holds the tools this server offers, so
   * the message names only tools the model can call.
   */
  message: (args: Record<string, string | undefined>, offered: ReadonlySet<string>) => string;
}

export function definePrompt(spec: PromptSpec): PromptSpec {
  return spec;
}

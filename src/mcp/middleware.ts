/**
 * The wrapper's extension point: each middleware sees a validated call and decides whether
 * and how it runs (policy, confirmation, redaction, audit). They run in order, outermost
 * first, around the tool's `run`; the order is declared in one place (src/server/pipeline.ts).
 *
 * A call is never rewritten on its way down: what the caller gave (`args`) stays as given,
 * and what each step found or decided is a field of its own (the engine and the resolved
 * target on `ctx`, the policy's additions in `amended`, the confirmation's outcome in
 * `confirmation`). The tool's input is derived from them at the end (toolInput).
 */
import { ALL_ENGINES } from '../engine/index.js';
import type { Tool, ToolAnswer, ToolContext } from './define.js';
import type { ClientView, Round } from './request.js';

/**
 * How a call got past (or was stopped by) the confirmation layer: none (not guarded), asked
 * (the person was asked; the client repeats the call with the answer), elicited (a person
 * said yes), token (a valid token), denied (a person said no, the answer no longer applied,
 * or no one could be asked), refused (no token or a bad one: a preview was answered instead).
 */
export type ConfirmationPath = 'none' | 'asked' | 'elicited' | 'token' | 'denied' | 'refused';

export interface ToolCall {
  readonly tool: Tool;
  /**
   * The validated arguments as the caller gave them (zod's output), `engine` and `confirm`
   * included. Confirmations bind these; they are never rewritten.
   */
  readonly args: Readonly<Record<string, unknown>>;
  /** The arguments exactly as the client sent them (the audit log records these). */
  readonly rawArguments: Readonly<Record<string, unknown>>;
  /**
   * What the policy layer puts into the tool's input in place of the caller's value: the
   * scope's label filter, a create body with the scope's label and its references pinned.
   */
  readonly amended: Record<string, unknown>;
  /** Who calls, in which protocol era; what this round of a multi round-trip call brought. */
  readonly client: ClientView;
  readonly round: Round;
  confirmation: ConfirmationPath;
  /** The engine (selected from `engine`) and the target (resolved once) live here. */
  ctx: ToolContext;
}

export type ToolMiddleware = (
  call: ToolCall,
  next: () => Promise<ToolAnswer>,
) => Promise<ToolAnswer>;

/**
 * What the tool's `run` and `preview` receive: the arguments as given, the policy's
 * amendments, the target's full id in place of the name it was given by; without the
 * confirmation token (the tool never sees it) and without an `engine` that named one engine
 * (ctx.engine is it); "*" stays for the tools that take it.
 */
export function toolInput(call: ToolCall): Record<string, unknown> {
  const { confirm: _token, engine, ...given } = call.args;
  const targets = call.tool.effects.targets;
  const target = call.ctx.target;
  return {
    ...given,
    ...(engine === ALL_ENGINES && { engine }),
    ...call.amended,
    ...(target && 'one' in targets && { [targets.one]: target.id }),
  };
}

export function compose(
  middlewares: readonly ToolMiddleware[],
  call: ToolCall,
): Promise<ToolAnswer> {
  const step = (index: number): Promise<ToolAnswer> => {
    const middleware = middlewares[index];
    return middleware
      ? middleware(call, () => step(index + 1))
      : call.tool.run(toolInput(call), call.ctx);
  };
  return step(0);
}

/**
 * The confirmation middleware: a guarded call runs only once confirmed. The preview comes
 * from the engine (the call's one lookup of its target), never from the model's arguments,
 * and names the engine when the server has several.
 *
 * A client that can ask the person (form elicitation) gets a multi round-trip request: the
 * first round changes nothing and answers the question with a `requestState` the server
 * signs, bound to the tool, the arguments as given, the engine, the caller and the engine
 * state the preview was computed from. The client asks the person and repeats the call with
 * their answer and the state, to this process or any other that holds the key. That round
 * runs everything again (lookup, policy, preview) and goes ahead only on a clear yes, with a
 * state that is this server's, unexpired, unused, for this very call, and an engine state
 * that is still the one the person saw. A 2025-era client gets the same rounds through the
 * SDK, which sends it the question and repeats the call itself.
 *
 * Otherwise the first call answers the preview and a one-time token (--confirm-fallback
 * token), or is refused (--confirm-fallback deny; and --stateless unless told otherwise:
 * ./stateless.ts). Every path that is not a clear yes changes nothing.
 */
import type { ConfirmConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import type { ToolAnswer } from '../../mcp/define.js';
import { toolInput, type ToolCall, type ToolMiddleware } from '../../mcp/middleware.js';
import {
  askAnswer,
  changedAnswer,
  deniedAnswer,
  notConfirmedAnswer,
  personsAnswer,
  stateRefusedAnswer,
  tokenAnswer,
} from './answer.js';
import { bookFor } from './book.js';
import { previewOf } from './generic-preview.js';
import { guardOf, previewNeedsYes } from './mode.js';
import { STATELESS_REFUSAL } from './stateless.js';
import type { Binding, TokenBook } from './token.js';
import { reachFound } from '../policy/reach-middleware.js';

/** A person reads the preview and decides: their answer is good for at least this long. */
const ANSWER_TTL_MS = 10 * 60_000;

export function confirmation(config: ConfirmConfig, log: Logger): ToolMiddleware {
  return async (call, next) => {
    const input = toolInput(call);
    const guard = guardOf(config.mode, call.tool, input);
    if (guard === 'no') return next();
    const preview = await previewOf(call.tool, input, call.ctx, reachFound(call));
    if (guard === 'preview' && !previewNeedsYes(config.mode, call.tool.effects, preview.effects))
      return next();
    const book = bookFor(config, log);
    const binding = bindingOf(call, preview.state);
    const summary = onEngine(call, preview.summary);
    if (call.client.canElicit && !call.client.sessionless)
      return throughThePerson(call, next, book, summary, binding);
    const name = call.tool.name;
    const refusal = tokenRefusal(config, call);
    if (refusal !== undefined) {
      call.confirmation = 'denied';
      return deniedAnswer(name, summary, refusal);
    }
    const token = call.args.confirm;
    const redeemed = typeof token === 'string' ? book.redeem(token, binding) : undefined;
    if (redeemed?.ok) {
      call.confirmation = 'token';
      return next();
    }
    call.confirmation = 'refused';
    return tokenAnswer(name, summary, book.issue(binding), redeemed?.message);
  };
}

async function throughThePerson(
  call: ToolCall,
  next: () => Promise<ToolAnswer>,
  book: TokenBook,
  summary: string,
  binding: Binding,
): Promise<ToolAnswer> {
  const { tool, round } = call;
  if (round.state === undefined) {
    call.confirmation = 'asked';
    const question = `The assistant wants to run ${tool.name} (${tool.title}).\nIt would: ${summary}\nAllow it?`;
    return askAnswer(tool.name, question, book.issue(binding, 'state', ANSWER_TTL_MS).token);
  }
  call.confirmation = 'denied';
  // The state first: an answer that comes with a state for another call is no answer to this one.
  const checked = book.redeem(round.state, binding, 'state', true);
  if (!checked.ok) return stateRefusedAnswer(tool.name, checked.message);
  const decision = personsAnswer(round.responses);
  if (!decision.yes) return notConfirmedAnswer(tool.name, decision.why);
  // This round read the target again after the person answered: what they agreed to must
  // still be what happens, and the state is used up as the action goes ahead.
  const redeemed = book.redeem(round.state, binding, 'state');
  if (!redeemed.ok)
    return redeemed.reason === 'state_changed'
      ? changedAnswer(tool.name, summary)
      : stateRefusedAnswer(tool.name, redeemed.message);
  call.confirmation = 'elicited';
  return next();
}

/**
 * What a confirmation is bound to: the arguments as the caller gave them (the target by the
 * name it was given; the preview's state holds its id, so a name that has come to mean
 * another container is refused as changed), the engine by name when there are several,
 * and the caller.
 */
function bindingOf(call: ToolCall, state: unknown): Binding {
  const { confirm: _token, engine: _engine, ...args } = call.args;
  return {
    tool: call.tool.name,
    args,
    engine: call.ctx.engines?.several ? call.ctx.engine.name : '',
    principal: call.client.principal,
    state,
  };
}

/** Every preview names the engine when there are several: the same call means another thing on each. */
function onEngine(call: ToolCall, summary: string): string {
  return call.ctx.engines?.several ? `On engine "${call.ctx.engine.name}": ${summary}` : summary;
}

/** Why a client that cannot ask the person gets no token either; undefined when it gets one. */
function tokenRefusal(config: ConfirmConfig, call: ToolCall): string | undefined {
  if (config.stateless === 'refuse') return STATELESS_REFUSAL(call.client.era);
  if (config.fallback === 'deny')
    return call.client.canElicit
      ? 'the server runs --stateless: a 2025-era client has no session to be asked through; the server runs with --confirm-fallback deny'
      : 'no elicitation support; the server runs with --confirm-fallback deny';
  return undefined;
}

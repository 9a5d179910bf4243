/**
 * The confirmation middleware: a guarded call runs only once confirmed. The preview comes
 * from the engine (the call's one lookup of its target), never from the model's arguments.
 * A client that can ask the person (form elicitation) asks, and the target is read again by
 * its id before the action; otherwise the first call answers the preview and a one-time
 * token (--confirm-fallback token) or is refused (--confirm-fallback deny, and --stateless
 * unless told otherwise: ./stateless.ts). Every path that is not a clear yes changes
 * nothing.
 */
import { randomBytes } from 'node:crypto';
import type { ConfirmConfig } from '../../config.js';
import { EngineError } from '../../engine/index.js';
import { refreshTarget } from '../../containers/lookup.js';
import type { ToolAnswer } from '../../mcp/define.js';
import type { ToolCall, ToolMiddleware } from '../../mcp/middleware.js';
import { changedAnswer, deniedAnswer, notConfirmedAnswer, tokenAnswer } from './answer.js';
import { canonicalJson, withoutConfirm } from './canonical.js';
import type { Asker } from './elicit.js';
import { previewOf } from './generic-preview.js';
import { guardOf, previewNeedsYes } from './mode.js';
import { recordPath } from './path.js';
import { STATELESS_REFUSAL } from './stateless.js';
import { TokenBook, type Binding } from './token.js';

export function confirmation(config: ConfirmConfig, asker: Asker): ToolMiddleware {
  const book = bookFor(config);
  return async (call, next) => {
    const guard = guardOf(config.mode, call.tool, call.input);
    if (guard === 'no') return next();
    const token = (call.input as { confirm?: unknown }).confirm;
    call.input = withoutConfirm(call.input); // the tool never sees the token
    const preview = await previewOf(call.tool, call.input, call.ctx);
    if (guard === 'preview' && !previewNeedsYes(config.mode, call.tool.effects, preview.effects))
      return next();
    const name = call.tool.name;
    const binding: Binding = {
      tool: name,
      args: argumentsAsGiven(call),
      session: call.ctx.sessionId,
      state: preview.state,
    };
    // Stateless: an elicitation's answer would reach another server; nobody can be asked.
    if (!config.stateless && asker.canAsk())
      return askThePerson(call, next, asker, preview.summary, binding);
    if (config.fallback === 'deny') {
      recordPath(call, 'denied');
      const why = config.stateless === 'refuse' ? STATELESS_REFUSAL : undefined;
      return deniedAnswer(name, preview.summary, why);
    }
    const redeemed = typeof token === 'string' ? book.redeem(token, binding) : undefined;
    if (redeemed?.ok) {
      recordPath(call, 'token');
      return next();
    }
    recordPath(call, 'refused');
    return tokenAnswer(name, preview.summary, book.issue(binding), redeemed?.message);
  };
}

async function askThePerson(
  call: ToolCall,
  next: () => Promise<ToolAnswer>,
  asker: Asker,
  summary: string,
  binding: Binding,
): Promise<ToolAnswer> {
  const { tool, ctx } = call;
  const decision = await asker.ask(
    `The assistant wants to run ${tool.name} (${tool.title}).\nIt would: ${summary}\nAllow it?`,
    ctx.signal,
    ctx.requestId,
  );
  if (!decision.yes) {
    recordPath(call, 'denied');
    return notConfirmedAnswer(tool.name, decision.why);
  }
  // The person may have taken minutes: what they agreed to must still be what happens. The
  // target is read again by its full id, and the action then runs on that reading.
  let now;
  try {
    call.ctx = await refreshTarget(ctx);
    now = await previewOf(tool, call.input, call.ctx);
  } catch (error) {
    if (!(error instanceof EngineError && error.code === 'not_found')) throw error;
    recordPath(call, 'denied');
    return changedAnswer(tool.name, 'nothing: the container no longer exists');
  }
  if (canonicalJson(now.state) !== canonicalJson(binding.state)) {
    recordPath(call, 'denied');
    return changedAnswer(tool.name, now.summary);
  }
  recordPath(call, 'elicited');
  return next();
}

/**
 * The arguments a token binds, as the caller gave them: the target's argument holds the
 * full id by now, but the repeated call names the container as the first did. The preview's
 * state holds the id, so a name that has come to mean another container is refused as
 * changed.
 */
function argumentsAsGiven(call: ToolCall): unknown {
  const targets = call.tool.effects.targets;
  const given = call.ctx.target?.given;
  if (!('one' in targets) || given === undefined) return call.input;
  return { ...(call.input as Record<string, unknown>), [targets.one]: given };
}

/**
 * One book per process (per config): HTTP sessions each get a server, but a token must be
 * single-use across them, and tokens from one session are refused in another by binding.
 */
const books = new WeakMap<ConfirmConfig, TokenBook>();

function bookFor(config: ConfirmConfig): TokenBook {
  let book = books.get(config);
  if (!book) {
    const secret = config.secret === undefined ? randomBytes(32) : Buffer.from(config.secret);
    book = new TokenBook(secret, config.ttlMs);
    books.set(config, book);
  }
  return book;
}

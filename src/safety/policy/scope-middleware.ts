/**
 * --scope-label as a middleware: every tool sees only containers carrying the label, by the
 * targets its effects declare: one container by an argument (checked first, and out of scope
 * reads as not found), many by filters (the label filter is added), or a new container (its
 * body gets the label, and the containers it refers to must be in scope).
 */
import { EngineError } from '../../engine/index.js';
import type { ToolAnswer } from '../../mcp/define.js';
import type { ToolCall, ToolMiddleware } from '../../mcp/middleware.js';
import { assertInScope } from './scope-check.js';
import {
  containerReferences,
  scopeCreateBody,
  withScopeFilter,
  type LabelledBody,
  type ReferringBody,
  type ScopeLabel,
} from './scope.js';

type Input = Record<string, unknown>;

export function scopeMiddleware(scope: ScopeLabel): ToolMiddleware {
  return async (call, next) => {
    const input = call.input as Input;
    const targets = call.tool.effects.targets;
    if ('one' in targets) {
      await assertInScope(call.ctx.engine, String(input[targets.one]), scope, call.ctx.signal);
      return next();
    }
    if ('matching' in targets) {
      const filters = withScopeFilter(input[targets.matching] as Input, scope);
      call.input = { ...input, [targets.matching]: filters };
      return next();
    }
    return scopedCreate(call, input, targets.creates, scope, next);
  };
}

async function scopedCreate(
  call: ToolCall,
  input: Input,
  argument: string,
  scope: ScopeLabel,
  next: () => Promise<ToolAnswer>,
): Promise<ToolAnswer> {
  const name = call.tool.name;
  const scoped = scopeCreateBody(input[argument] as LabelledBody & ReferringBody, scope);
  if ('refusal' in scoped) return refused(`${name} refused: ${scoped.refusal}.`);
  for (const { field, id } of containerReferences(scoped.body)) {
    try {
      await assertInScope(call.ctx.engine, id, scope, call.ctx.signal);
    } catch (error) {
      if (!(error instanceof EngineError && error.code === 'not_found')) throw error;
      return refused(
        `${name} refused: ${argument}.${field} names "${id}", and there is no such container in this server's scope.`,
      );
    }
  }
  call.input = { ...input, [argument]: scoped.body };
  return next();
}

function refused(text: string): ToolAnswer {
  return { isError: true, text: `${text} Nothing was changed.` };
}

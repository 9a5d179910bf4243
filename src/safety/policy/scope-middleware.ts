/**
 * --scope-label as a middleware: every tool sees only containers carrying the label. Tools
 * are classified by their input, not listed by hand: an `id` field names one container
 * (checked first, and out of scope reads as not found), a `filters` field selects many (the
 * label filter is added), and container_create gets the label. A tool that fits none of
 * these is refused under a scope rather than let through unchecked.
 */
import { EngineError } from '../../engine/index.js';
import type { Tool, ToolAnswer } from '../../tools/define.js';
import type { ToolCall, ToolMiddleware } from '../../tools/middleware.js';
import { assertInScope } from './scope-check.js';
import {
  containerReferences,
  scopeCreateBody,
  scopeFilter,
  withScopeFilter,
  type ScopeLabel,
} from './scope.js';

type Input = Record<string, unknown>;

export type ScopeKind = 'id' | 'filters' | 'create' | 'unscoped';

/** How a tool names containers, from its input schema. */
export function scopeKind(tool: Pick<Tool, 'name' | 'input'>): ScopeKind {
  const fields = tool.input.shape as Record<string, unknown>;
  if (tool.name === 'container_create') return 'create';
  if ('id' in fields) return 'id';
  if ('filters' in fields) return 'filters';
  return 'unscoped';
}

export function scopeMiddleware(scope: ScopeLabel): ToolMiddleware {
  return async (call, next) => {
    const input = call.input as Input;
    switch (scopeKind(call.tool)) {
      case 'id':
        await assertInScope(call.ctx.engine, String(input.id), scope, call.ctx.signal);
        return next();
      case 'filters':
        call.input = { ...input, filters: withScopeFilter(input.filters as Input, scope) };
        return next();
      case 'create':
        return scopedCreate(call, input, scope, next);
      case 'unscoped':
        return refused(
          `${call.tool.name} is not available under --scope-label ${scopeFilter(scope)}: it does not name its containers in a way the scope can check.`,
        );
    }
  };
}

async function scopedCreate(
  call: ToolCall,
  input: Input,
  scope: ScopeLabel,
  next: () => Promise<ToolAnswer>,
): Promise<ToolAnswer> {
  const scoped = scopeCreateBody(input.body as { Labels?: Record<string, string> }, scope);
  if ('refusal' in scoped) return refused(`container_create refused: ${scoped.refusal}.`);
  for (const { field, id } of containerReferences(scoped.body as never)) {
    try {
      await assertInScope(call.ctx.engine, id, scope, call.ctx.signal);
    } catch (error) {
      if (!(error instanceof EngineError && error.code === 'not_found')) throw error;
      return refused(
        `container_create refused: body.${field} names "${id}", and there is no such container in this server's scope.`,
      );
    }
  }
  call.input = { ...input, body: scoped.body };
  return next();
}

function refused(text: string): ToolAnswer {
  return { isError: true, text: `${text} Nothing was changed.` };
}

/**
 * --scope-label as a middleware: every tool sees only containers carrying the label, by the
 * targets its effects declare: one container by an argument (resolved and checked once, by
 * ../target-resolution.ts, before this runs), many by filters (the label filter is added),
 * or a new container (its body gets the label; the containers and named volumes it refers
 * to must be in scope). Engine errors of every call lose the ids of other containers: a
 * conflict must not reveal a container outside the scope.
 */
import { EngineError, rewordEngineError } from '../../engine/index.js';
import type { ToolAnswer } from '../../mcp/define.js';
import { toolInput, type ToolCall, type ToolMiddleware } from '../../mcp/middleware.js';
import { assertInScope } from './scope-check.js';
import { namedVolumes, volumeProblems, type VolumeBody } from './scope-volumes.js';
import {
  containerReferences,
  scopeCreateBody,
  withoutOtherIds,
  withScopeFilter,
  type LabelledBody,
  type ReferringBody,
  type ScopeLabel,
} from './scope.js';

type Input = Record<string, unknown>;

export function scopeMiddleware(scope: ScopeLabel): ToolMiddleware {
  return async (call, next) => {
    try {
      return await scoped(call, scope, next);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      throw rewordEngineError(error, withoutOtherIds(error.message, call.ctx.target?.id));
    }
  };
}

function scoped(
  call: ToolCall,
  scope: ScopeLabel,
  next: () => Promise<ToolAnswer>,
): Promise<ToolAnswer> {
  const input = toolInput(call);
  const targets = call.tool.effects.targets;
  if ('matching' in targets)
    call.amended[targets.matching] = withScopeFilter(input[targets.matching] as Input, scope);
  if ('creates' in targets) return scopedCreate(call, input, targets.creates, scope, next);
  return next();
}

async function scopedCreate(
  call: ToolCall,
  input: Input,
  argument: string,
  scope: ScopeLabel,
  next: () => Promise<ToolAnswer>,
): Promise<ToolAnswer> {
  const name = call.tool.name;
  const { engine, signal } = call.ctx;
  const scoped = scopeCreateBody(input[argument] as LabelledBody & ReferringBody, scope);
  if ('refusal' in scoped) return refused(`${name} refused: ${scoped.refusal}.`);
  for (const { field, id } of containerReferences(scoped.body)) {
    try {
      await assertInScope(engine, id, scope, signal);
    } catch (error) {
      if (!(error instanceof EngineError && error.code === 'not_found')) throw error;
      return refused(
        `${name} refused: ${argument}.${field} names "${id}", and there is no such container in this server's scope.`,
      );
    }
  }
  const volumes = namedVolumes(scoped.body as VolumeBody);
  const problems = await volumeProblems(engine, volumes, scope, signal);
  if (problems.length > 0)
    return refused(
      [
        `${name} refused: under --scope-label a container may mount only volumes of its scope.`,
        ...problems.map((line) => `- ${argument}.${line}`),
        'Use a new volume name (it is created empty), or leave the volume out.',
      ].join('\n'),
    );
  call.amended[argument] = scoped.body;
  return next();
}

function refused(text: string): ToolAnswer {
  return { isError: true, text: `${text}${text.includes('\n') ? '\n' : ' '}Nothing was changed.` };
}

/**
 * --scope-label for calls that remove images: an image that a container outside the scope
 * uses is never removed (with `force` the engine would take it from under a stopped one), and
 * the refusal names no such container. Prune needs no check of its own: the engine never
 * prunes an image any container uses, in the scope or not.
 */
import { containersUsingImage } from '../../containers/image-users.js';
import { inspectImage, type ImageInspect } from '../../engine/api/images.js';
import { EngineError } from '../../engine/index.js';
import type { ToolAnswer } from '../../mcp/define.js';
import { callEffects } from '../../mcp/effects.js';
import { toolInput, type ToolCall } from '../../mcp/middleware.js';
import { inScope, type ScopeLabel } from './scope.js';

export async function scopedImageRemoval(
  call: ToolCall,
  argument: string | undefined,
  scope: ScopeLabel,
  next: () => Promise<ToolAnswer>,
): Promise<ToolAnswer> {
  const input = toolInput(call);
  const given = argument === undefined ? undefined : input[argument];
  if (typeof given !== 'string' || !callEffects(call.tool.effects, input).sure.has('destroys'))
    return next();
  const { engine, signal } = call.ctx;
  let image: ImageInspect;
  try {
    image = await engine.json<ImageInspect>(inspectImage, { params: { name: given }, signal });
  } catch (error) {
    if (error instanceof EngineError && error.code === 'not_found') return next(); // the tool says so
    throw error;
  }
  const users = await containersUsingImage(engine, image.Id, signal);
  const outside = users.some((container) => !inScope(container.Labels, scope));
  if (!outside) return next();
  return {
    isError: true,
    text: `${call.tool.name} refused: the image "${given}" is used by a container outside this server's scope (--scope-label), so it stays. Nothing was changed.`,
  };
}

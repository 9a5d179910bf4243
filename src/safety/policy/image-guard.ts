/**
 * --allow-image as a middleware, for every tool whose effects name image references
 * (effects.images): a reference the engine may fetch must be allowed as written (canonical
 * form), a name given to an image must be allowed, and a local image a call starts from is
 * looked up once and allowed when one of its names (or its id) is: whatever spelling, id or
 * id prefix the call used. From then on the call carries that image's full id, so a name that
 * moves to another image between the check and the engine's action cannot swap it.
 */
import type { PolicyConfig } from '../../config.js';
import { inspectImage, type ImageInspect } from '../../engine/api/images.js';
import { EngineError } from '../../engine/index.js';
import { parseReference, ReferenceError } from '../../engine/reference.js';
import type { ToolAnswer } from '../../mcp/define.js';
import { shortId } from '../../render/containers.js';
import type { ImageUse } from '../../mcp/effects.js';
import { toolInput, type ToolCall, type ToolMiddleware } from '../../mcp/middleware.js';
import {
  allowedImage,
  allowingPattern,
  namesOf,
  parsePatterns,
  refusalFor,
  type ImagePattern,
} from '../../containers/image-allow.js';
import { missingImage } from '../../containers/image-missing.js';

type Input = Record<string, unknown>;

export function imageGuardMiddleware(policy: Pick<PolicyConfig, 'allowImages'>): ToolMiddleware {
  const patterns = parsePatterns(policy.allowImages);
  return async (call, next) => {
    const uses = call.tool.effects.images;
    if (uses === undefined || patterns.length === 0) return next();
    for (const use of uses) {
      const refused = await check(call, use, patterns);
      if (refused) return refused;
    }
    return next();
  };
}

async function check(
  call: ToolCall,
  use: ImageUse,
  patterns: readonly ImagePattern[],
): Promise<ToolAnswer | undefined> {
  const input = toolInput(call);
  const holder = use.field === undefined ? input : (input[use.argument] as Input | undefined);
  const key = use.field ?? use.argument;
  const given = holder?.[key];
  if (typeof given !== 'string') return undefined;
  const where = use.field === undefined ? use.argument : `${use.argument}.${use.field}`;
  const tool = call.tool.name;
  if (use.use !== 'uses') {
    let ref;
    try {
      ref = parseReference(given);
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      return refused(tool, `${where} "${given}" ${error.message}`);
    }
    if (allowingPattern(patterns, ref)) return undefined;
    return refused(tool, refusalFor(ref, patterns, `${where} names`));
  }
  let image: ImageInspect;
  try {
    image = await call.ctx.engine.json<ImageInspect>(inspectImage, {
      params: { name: given },
      signal: call.ctx.signal,
    });
  } catch (error) {
    if (!(error instanceof EngineError && error.code === 'not_found')) throw error;
    return { isError: true, text: missingImage(tool, where, given, patterns) };
  }
  if (!allowedImage(patterns, image)) {
    const names = namesOf(image).map((ref) => `${ref.domain}/${ref.path}`);
    return refused(
      tool,
      `${where} "${given}" is image ${shortId(image.Id)}${names.length > 0 ? ` (${[...new Set(names)].join(', ')})` : ', which has no name'}, and none of its names is inside this server's --allow-image (${patterns.map((p) => p.text).join(', ')})`,
    );
  }
  // The image that was checked, by its id: what the engine acts on from here.
  if (use.field === undefined) call.amended[use.argument] = image.Id;
  else call.amended[use.argument] = { ...holder, [key]: image.Id };
  return undefined;
}

function refused(tool: string, why: string): ToolAnswer {
  return {
    isError: true,
    text: `${tool} refused by this server's policy: ${why}. Nothing was changed.`,
  };
}

/**
 * What a call that needs a local image says when the engine has none by that reference: the
 * exact image_pull call that fetches it, and whether this server's --allow-image would let
 * that pull through (naming the pattern that would).
 */
import { isFullImageId, parseReference, ReferenceError } from '../engine/reference.js';
import { allowingPattern, refusalFor, type ImagePattern } from './image-allow.js';

export function missingImage(
  tool: string,
  where: string,
  given: string,
  patterns: readonly ImagePattern[],
): string {
  const head = `${tool}: there is no image "${given}" (${where}) on this engine; nothing was changed.`;
  if (isFullImageId(given) || /^[a-f0-9]{6,63}$/.test(given))
    return `${head} It looks like an image id: image_list shows the images there are.`;
  let ref;
  try {
    ref = parseReference(given);
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return `${head} "${given}" ${error.message}.`;
  }
  const pull = `image_pull {"image": ${JSON.stringify(given)}}`;
  if (patterns.length === 0 || allowingPattern(patterns, ref))
    return `${head} Pull it first: ${pull}, then call ${tool} again.`;
  return `${head} ${pull} would fetch it, but ${refusalFor(ref, patterns)}.`;
}

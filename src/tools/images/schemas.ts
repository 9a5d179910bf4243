/** What the image tools share: how they take an image, and how they name one in answers. */
import { z } from 'zod';
import { NAME_CHARS, PATH_CHARS } from '../../containers/inputs.js';
import { parseReference, ReferenceError } from '../../engine/reference.js';
import { advertiseAs } from '../../mcp/brief.js';
import { shortId } from '../../render/containers.js';

/** A local image as the engine looks it up: a name[:tag], name@digest, id or id prefix. */
export const imageInput = advertiseAs(
  z
    .string()
    .min(1)
    .max(PATH_CHARS)
    .regex(/^[^\s]+$/, 'must be an image reference or id without spaces, e.g. "postgres:16"'),
  z.string().max(PATH_CHARS),
).describe('Image name[:tag], name@digest or id, as image_list shows');

/** A name to give an image: "repo[:tag]" (tag "latest" when left out). */
export const newImageName = advertiseAs(
  z
    .string()
    .min(1)
    .max(NAME_CHARS)
    // The engine's own grammar (engine/reference.ts): what passes is what the engine stores.
    .superRefine((name, ctx) => {
      const problem = name.includes('@')
        ? 'names a digest, which a new name cannot'
        : referenceProblem(name);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: `${problem}: must be "repository[:tag]", e.g. "myapp:1.2" or "127.0.0.1:5000/team/app:dev"`,
        });
    }),
  z.string().max(NAME_CHARS),
);

/** "postgres:16", or the short id of an image without a name. */
export function imageLabel(image: { Id: string; RepoTags?: string[] | null }): string {
  const tag = (image.RepoTags ?? []).find((name) => !name.startsWith('<none>'));
  return tag ?? shortId(image.Id);
}

/**
 * The engine's repo and tag query parameters for a "repo[:tag]" name, as given: each engine
 * names it its own way (Podman keeps a short name under localhost/, Docker under Docker Hub).
 */
export function repoAndTag(name: string): { repo: string; tag: string } {
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/')
    ? { repo: name.slice(0, colon), tag: name.slice(colon + 1) }
    : { repo: name, tag: 'latest' };
}

function referenceProblem(name: string): string | undefined {
  try {
    parseReference(name);
    return undefined;
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return error.message;
  }
}

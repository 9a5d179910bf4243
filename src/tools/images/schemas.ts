/** What the image tools share: how they take an image, and how they name one in answers. */
import { z } from 'zod';
import { NAME_CHARS, PATH_CHARS } from '../../containers/inputs.js';
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
    .regex(
      /^[a-zA-Z0-9][a-zA-Z0-9._:/-]*$/,
      'must be "repository[:tag]", e.g. "myapp:1.2" or "127.0.0.1:5000/team/app:dev"',
    ),
  z.string().max(NAME_CHARS),
);

/** "postgres:16", or the short id of an image without a name. */
export function imageLabel(image: { Id: string; RepoTags?: string[] | null }): string {
  const tag = (image.RepoTags ?? []).find((name) => !name.startsWith('<none>'));
  return tag ?? shortId(image.Id);
}

/** The engine's repo and tag query parameters for a "repo[:tag]" name. */
export function repoAndTag(name: string): { repo: string; tag: string } {
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/')
    ? { repo: name.slice(0, colon), tag: name.slice(colon + 1) }
    : { repo: name, tag: 'latest' };
}

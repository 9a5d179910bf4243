import { z } from 'zod';
import {
  deleteImage,
  inspectImage,
  type DeleteItem,
  type ImageInspect,
} from '../../engine/api/images.js';
import { bareImageId, canonicalReference, parseReference } from '../../engine/reference.js';
import { defineTool } from '../../mcp/define.js';
import { containerName, shortId } from '../../render/containers.js';
import { formatBytesSI } from '../../render/units.js';
import { imageInput } from './schemas.js';
import { containersUsingImage } from '../../containers/image-users.js';

export const imageDelete = defineTool({
  name: 'image_delete',
  title: 'Remove an image',
  description:
    'Remove an image or one of its names (`docker rmi`): by a name when it has others, only that name goes. ' +
    'Refused while a container uses it unless `force`. Cannot be undone.',
  input: z.strictObject({
    image: imageInput,
    force: z
      .boolean()
      .default(false)
      .describe('Remove it even if stopped containers use it or it has several names'),
    noprune: z.boolean().default(false).describe('Keep its untagged parent layers'),
  }),
  output: z.object({
    untagged: z.array(z.string()),
    deleted: z.array(z.string()).describe('Image and layer ids removed'),
    space_reclaimed: z.number().describe('Bytes (the image size when it went)'),
  }),
  effects: {
    always: ['images', 'destroys'],
    targets: { images: true, image: 'image' },
  },
  async run(input, ctx) {
    const image = await ctx.engine.json<ImageInspect>(inspectImage, {
      params: { name: input.image },
      signal: ctx.signal,
    });
    const items =
      (await ctx.engine.json<DeleteItem[] | null>(deleteImage, {
        params: { name: input.image },
        query: { force: input.force, noprune: input.noprune },
        signal: ctx.signal,
      })) ?? [];
    const untagged = items.flatMap((item) => (item.Untagged ? [item.Untagged] : []));
    const deleted = items.flatMap((item) => (item.Deleted ? [item.Deleted] : []));
    // Podman names deleted images without the "sha256:" prefix.
    const gone = deleted.some((id) => bareImageId(id) === bareImageId(image.Id));
    const space = gone ? (image.Size ?? 0) : 0;
    const text = gone
      ? `Removed image ${shortId(image.Id)} (${formatBytesSI(space)}; ${deleted.length} ${deleted.length === 1 ? 'id' : 'ids'} deleted${untagged.length > 0 ? `; untagged ${untagged.join(', ')}` : ''}).`
      : `Untagged ${untagged.join(', ') || input.image}; image ${shortId(image.Id)} stays under its other names.`;
    return { text, data: { untagged, deleted, space_reclaimed: space } };
  },
  async preview(input, ctx) {
    const image = await ctx.engine.json<ImageInspect>(inspectImage, {
      params: { name: input.image },
      signal: ctx.signal,
    });
    const tags = image.RepoTags ?? [];
    const users = await containersUsingImage(ctx.engine, image.Id, ctx.signal);
    // Compared as the engine reads names: "docker.io/library/postgres:16" is "postgres:16",
    // and Podman lists every name in full.
    const given = sameNameAs(input.image);
    const others = tags.filter((t) => !given(t));
    const byName = tags.length > 1 && others.length < tags.length;
    const what = byName
      ? `Untag ${input.image} from image ${shortId(image.Id)}; the image stays (also ${others.join(', ')})`
      : `Remove image ${shortId(image.Id)} (${tags.join(', ') || 'no name'}), ${formatBytesSI(image.Size ?? 0)}`;
    const using =
      users.length === 0
        ? 'No container uses it.'
        : `Used by ${users.map((c) => `${containerName(c.Names)} (${c.State})`).join(', ')}: ${input.force ? 'force removes it from under the stopped ones; a running one still blocks it' : 'the engine will refuse without force'}.`;
    return {
      summary: `${what}.\n${using}`,
      state: { id: image.Id, tags: [...tags].sort(), users: users.map((c) => c.Id).sort() },
    };
  },
});

/** Whether a name is the given one, in the engine's canonical form (an id matches none). */
function sameNameAs(name: string): (other: string) => boolean {
  const canonical = (text: string): string | undefined => {
    try {
      return canonicalReference(parseReference(text));
    } catch {
      return undefined;
    }
  };
  const given = canonical(name) ?? name;
  return (other) => (canonical(other) ?? other) === given;
}

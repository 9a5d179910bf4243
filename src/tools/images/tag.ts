import { z } from 'zod';
import { inspectImage, tagImage, type ImageInspect } from '../../engine/api/images.js';
import { EngineError } from '../../engine/index.js';
import { defineTool } from '../../mcp/define.js';
import { shortId } from '../../render/containers.js';
import { imageInput, newImageName, repoAndTag } from './schemas.js';

export const imageTag = defineTool({
  name: 'image_tag',
  title: 'Tag an image',
  description:
    'Give an image another name (`docker tag`). A name that pointed at another image moves to this one.',
  input: z.strictObject({
    image: imageInput,
    target: newImageName.describe('The new name, "repository[:tag]", e.g. "myapp:1.2"'),
  }),
  output: z.object({ id: z.string(), name: z.string(), moved_from: z.string().optional() }),
  effects: {
    always: ['images'],
    targets: { images: true },
    images: [
      { argument: 'image', use: 'uses' },
      { argument: 'target', use: 'names' },
    ],
  },
  idempotent: true,
  async run(input, ctx) {
    const inspect = (name: string) =>
      ctx.engine.json<ImageInspect>(inspectImage, { params: { name }, signal: ctx.signal });
    const image = await inspect(input.image);
    const before = await inspect(input.target).catch((error: unknown) => {
      if (error instanceof EngineError && error.code === 'not_found') return undefined;
      throw error;
    });
    await ctx.engine.call(tagImage, {
      params: { name: image.Id },
      query: repoAndTag(input.target),
      signal: ctx.signal,
    });
    const moved = before !== undefined && before.Id !== image.Id ? before.Id : undefined;
    return {
      text: `Tagged image ${shortId(image.Id)} as ${input.target}.${moved ? ` The name was on image ${shortId(moved)} before, which keeps its other names (if any).` : ''}`,
      data: { id: image.Id, name: input.target, ...(moved && { moved_from: moved }) },
    };
  },
});

import { z } from 'zod';
import { commitContainer, inspectImage, type ImageInspect } from '../../engine/api/images.js';
import type { CreateResponse } from '../../engine/api/lifecycle.js';
import { containerId, VALUE_CHARS } from '../../containers/inputs.js';
import { targetLabel } from '../../containers/lookup.js';
import { defineTool } from '../../mcp/define.js';
import { shortId } from '../../render/containers.js';
import { formatBytesSI } from '../../render/units.js';
import { newImageName, repoAndTag } from './schemas.js';

/** The Dockerfile instructions the engine applies to a commit, one per entry, on one line. */
const CHANGE =
  /^(CMD|ENTRYPOINT|ENV|EXPOSE|LABEL|ONBUILD|USER|VOLUME|WORKDIR|STOPSIGNAL|HEALTHCHECK|SHELL)\s+\S[^\n\r]*$/i;

export const containerCommit = defineTool({
  name: 'container_commit',
  title: 'Save a container as an image',
  description:
    "Save a container's files and settings as a new image (`docker commit`), named `image`; `changes` sets Dockerfile instructions (CMD, ENV, ...).",
  input: z.strictObject({
    id: containerId,
    image: newImageName.optional().describe('Name "repository[:tag]" (default: none, id only)'),
    changes: z
      .array(
        z
          .string()
          .max(VALUE_CHARS)
          .regex(CHANGE, 'must be one Dockerfile instruction on one line, e.g. "ENV A=1"'),
      )
      .max(100)
      .optional()
      .describe('e.g. ["ENV MODE=prod", "CMD [\\"app\\"]"]'),
    comment: z.string().max(VALUE_CHARS).optional(),
    author: z.string().max(256).optional(),
    pause: z.boolean().default(true).describe('Pause it while committing (default true)'),
  }),
  output: z.object({ id: z.string(), image: z.string().optional(), size: z.number() }),
  effects: {
    always: ['images'],
    targets: { one: 'id' },
    images: [{ argument: 'image', use: 'names' }],
  },
  async run(input, ctx) {
    const created = await ctx.engine.json<CreateResponse>(commitContainer, {
      query: {
        container: input.id,
        ...(input.image !== undefined && repoAndTag(input.image)),
        comment: input.comment,
        author: input.author,
        pause: input.pause,
        // The engine reads its changes as lines of one Dockerfile (its BuildFromConfig).
        changes: input.changes?.join('\n'),
      },
      // Podman's service needs a body (the config to merge, here none); dockerd takes it too.
      json: {},
      signal: ctx.signal,
    });
    const image = await ctx.engine.json<ImageInspect>(inspectImage, {
      params: { name: created.Id },
      signal: ctx.signal,
    });
    const size = image.Size ?? 0;
    return {
      text: `Committed ${targetLabel(ctx, input.id)} as image ${shortId(created.Id)}${input.image ? ` (${input.image})` : ''}, ${formatBytesSI(size)}. container_create can run it.`,
      data: { id: created.Id, ...(input.image !== undefined && { image: input.image }), size },
    };
  },
});

import { z } from 'zod';
import { createContainer, type CreateResponse } from '../../engine/api/lifecycle.js';
import { defineTool, type ToolAnswer, type ToolContext } from '../../mcp/define.js';
import { inspectImage } from '../../engine/api/images.js';
import { EngineError } from '../../engine/index.js';
import { parsePatterns } from '../../containers/image-allow.js';
import { missingImage } from '../../containers/image-missing.js';
import { stateAfter } from '../../containers/lookup.js';
import { containerState } from '../../containers/state.js';
import { newContainerName, platformInput } from '../../containers/inputs.js';
import { createBody } from './body.js';
import { tooNewFor } from './versions.js';

export const containerCreate = defineTool({
  name: 'container_create',
  title: 'Create a container',
  description:
    'Create a container without starting it (`docker create`; then container_start). ' +
    '`body` is the Engine API ContainerCreateRequest, checked strictly. ' +
    'Settings that reach the host (privileged, host paths, devices, ...) are refused unless a server flag allows them; the refusal names each field and flag. ' +
    'The image must be on the engine (image_pull fetches it).',
  input: z.strictObject({
    body: createBody,
    name: newContainerName.optional().describe('Name for the container (default: generated)'),
    platform: platformInput
      .optional()
      .describe('Image platform, e.g. "linux/arm64"; the local image must match it'),
  }),
  output: z.object({
    id: z.string().describe('Full id of the new container'),
    name: z.string(),
    warnings: z
      .array(z.string())
      .describe("The engine's warnings (e.g. a limit it could not apply)"),
    container: containerState,
  }),
  effects: {
    always: ['container-state', 'host-settings'],
    targets: { creates: 'body' },
    settings: { argument: 'body', form: 'create' },
    images: [{ argument: 'body', field: 'Image', use: 'uses' }],
    reaches: 'settings',
  },
  async run(input, ctx) {
    const version = await ctx.engine.apiVersion(ctx.signal);
    const tooNew = tooNewFor(version, input);
    if (tooNew.length > 0) {
      return {
        isError: true,
        text: [
          'container_create refused: nothing was created.',
          ...tooNew.map((line) => `- ${line}`),
        ].join('\n'),
      };
    }
    const missing = await missingImageAnswer(ctx, input.body.Image);
    if (missing) return missing;
    const created = await ctx.engine.json<CreateResponse>(createContainer, {
      query: { name: input.name, platform: input.platform },
      json: input.body,
      signal: ctx.signal,
    });
    const warnings = created.Warnings ?? [];
    const after = await stateAfter(ctx, created.Id);
    const lines = [
      `Created ${after.data.name} (${created.Id.slice(0, 12)}) from image ${input.body.Image}. Start it with container_start.`,
      `Now: ${after.line}`,
      ...warnings.map((warning) => `Warning from the engine: ${warning}`),
    ];
    return {
      text: lines.join('\n'),
      data: { id: created.Id, name: after.data.name, warnings, container: after.data },
    };
  },
});

/**
 * An image the engine does not have: said before creating, with the image_pull call that
 * fetches it (and whether --allow-image would let it through), instead of the engine's bare
 * "No such image".
 */
async function missingImageAnswer(
  ctx: ToolContext,
  image: string,
): Promise<ToolAnswer<never> | undefined> {
  try {
    await ctx.engine.call(inspectImage, { params: { name: image }, signal: ctx.signal });
    return undefined;
  } catch (error) {
    if (!(error instanceof EngineError && error.code === 'not_found')) throw error;
    const patterns = parsePatterns(ctx.config.policy.allowImages);
    return { isError: true, text: missingImage('container_create', 'body.Image', image, patterns) };
  }
}

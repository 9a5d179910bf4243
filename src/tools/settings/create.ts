import { z } from 'zod';
import { createContainer, type CreateResponse } from '../../engine/api/lifecycle.js';
import { defineTool } from '../../mcp/define.js';
import { stateAfter } from '../../containers/lookup.js';
import { containerState } from '../../containers/state.js';
import { NAME_CHARS, newContainerName } from '../../containers/inputs.js';
import { createBody } from './body.js';
import { tooNewFor } from './versions.js';

export const containerCreate = defineTool({
  name: 'container_create',
  title: 'Create a container',
  description:
    'Create a container from a local image without starting it (`docker create`); start it with container_start. ' +
    '`body` is the Engine API ContainerCreateRequest: Image, Cmd, Env, Labels, ... plus HostConfig (mounts, ports, limits, restart policy) and NetworkingConfig. ' +
    "Field names are checked strictly (the engine would silently ignore a misspelt one), and fields this engine's API version does not know are refused. " +
    "Settings that reach the host (privileged mode, host namespaces, host paths outside the server's allowed roots, devices, capabilities beyond the default, loosened confinement, log drivers that send, other containers that have such powers, ...) are refused unless the server was started with the flag that allows them; the refusal names each field and the flag. " +
    'The image must already exist on the engine: this server never pulls. Returns the id, the name and any warnings.',
  input: z.strictObject({
    body: createBody,
    name: newContainerName
      .optional()
      .describe(
        'Name for the container (letters, digits, "_", "." and "-"; at least 2 characters). Default: a generated name',
      ),
    platform: z
      .string()
      .max(NAME_CHARS)
      .regex(
        /^[a-z0-9_-]+(\/[a-zA-Z0-9_-]+(\/[a-zA-Z0-9_.-]+)?)?$/,
        'must be "os[/arch[/variant]]", e.g. "linux/amd64" or "linux/arm64/v8"',
      )
      .optional()
      .describe(
        'Image platform "os[/arch[/variant]]", e.g. "linux/arm64"; the local image must match it',
      ),
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

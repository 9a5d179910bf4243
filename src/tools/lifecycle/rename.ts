import { z } from 'zod';
import { renameContainer } from '../../engine/api/lifecycle.js';
import { defineTool } from '../../mcp/define.js';
import { containerId, newContainerName } from '../../containers/inputs.js';
import { actThenReport, targetLabel } from '../../containers/lookup.js';
import { lifecycleOutput } from '../../containers/state.js';

export const containerRename = defineTool({
  name: 'container_rename',
  title: 'Rename a container',
  description:
    'Give a container a new name (`docker rename`); its id, state and everything else stay. The new name must not be in use by another container.',
  input: z.strictObject({
    id: containerId,
    name: newContainerName.describe(
      'The new name: letters, digits, "_", "." and "-", starting with a letter or digit, at least 2 characters',
    ),
  }),
  output: lifecycleOutput,
  effects: { always: ['container-state'], targets: { one: 'id' } },
  idempotent: true,
  run: (input, ctx) =>
    actThenReport(
      ctx,
      renameContainer,
      input.id,
      `Renamed ${targetLabel(ctx, input.id)} to ${input.name}.`,
      { query: { name: input.name } },
    ),
});

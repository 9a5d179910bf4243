import { z } from 'zod';
import { unpauseContainer } from '../../engine/api/lifecycle.js';
import { defineTool } from '../../mcp/define.js';
import { containerId } from '../../containers/inputs.js';
import { actThenReport, targetLabel } from '../../containers/lookup.js';
import { lifecycleOutput } from '../../containers/state.js';

export const containerUnpause = defineTool({
  name: 'container_unpause',
  title: 'Unpause a container',
  description:
    'Resume the processes of a paused container (after container_pause). The answer gives the state afterwards.',
  input: z.strictObject({ id: containerId }),
  output: lifecycleOutput,
  effects: { always: ['container-state'], targets: { one: 'id' } },
  idempotent: true,
  run: (input, ctx) =>
    actThenReport(ctx, unpauseContainer, input.id, `Unpaused ${targetLabel(ctx, input.id)}.`),
});

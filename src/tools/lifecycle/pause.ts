import { z } from 'zod';
import { pauseContainer } from '../../engine/api/lifecycle.js';
import { defineTool } from '../../mcp/define.js';
import { containerId } from '../../containers/inputs.js';
import { actThenReport, targetLabel } from '../../containers/lookup.js';
import { lifecycleOutput } from '../../containers/state.js';

export const containerPause = defineTool({
  name: 'container_pause',
  title: 'Pause a container',
  description:
    "Freeze every process of a running container (the cgroup freezer: the processes cannot see or catch it) until container_unpause. Memory is kept; the container stays 'running' but paused. " +
    'The answer gives the state afterwards.',
  input: z.strictObject({ id: containerId }),
  output: lifecycleOutput,
  effects: { always: ['container-state'], targets: { one: 'id' } },
  idempotent: true,
  run: (input, ctx) =>
    actThenReport(ctx, pauseContainer, input.id, `Paused ${targetLabel(ctx, input.id)}.`),
});

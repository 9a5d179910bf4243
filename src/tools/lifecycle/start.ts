import { z } from 'zod';
import { startContainer } from '../../engine/api/lifecycle.js';
import { defineTool } from '../../mcp/define.js';
import { containerId } from '../../containers/inputs.js';
import { detachKeysInput } from '../../containers/tty.js';
import { answerWithState, targetLabel } from '../../containers/lookup.js';
import { lifecycleOutput } from '../../containers/state.js';

export const containerStart = defineTool({
  name: 'container_start',
  title: 'Start a container',
  description:
    'Start a created or stopped container (`docker start`). Starting a running container changes nothing and says so. ' +
    'The answer gives the state afterwards: a process that exits at once shows as exited, with its exit code (container_logs tells why).',
  input: z.strictObject({
    id: containerId,
    detach_keys: detachKeysInput,
  }),
  output: lifecycleOutput,
  effects: {
    always: ['container-state'],
    targets: { one: 'id' },
    startsContainer: true,
    reaches: 'target',
  },
  idempotent: true,
  async run(input, ctx) {
    const { status } = await ctx.engine.call(startContainer, {
      params: { id: input.id },
      query: { detachKeys: input.detach_keys },
      signal: ctx.signal,
    });
    const already = status === 304;
    const label = targetLabel(ctx, input.id);
    return answerWithState(
      ctx,
      input.id,
      already ? `${label} was already running; nothing to do.` : `Started ${label}.`,
      !already,
    );
  },
});

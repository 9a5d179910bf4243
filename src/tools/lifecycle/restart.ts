import { restartWithSignal } from '../../engine/api/stop.js';
import { defineTool } from '../../mcp/define.js';
import { answerWithState, targetLabel } from '../../containers/lookup.js';
import {
  describeStop,
  gracefulInput,
  gracefulOutput,
  gracefulPreview,
  stopSummary,
} from './graceful.js';

export const containerRestart = defineTool({
  name: 'container_restart',
  title: 'Restart a container',
  description:
    'Stop a container gracefully (its stop signal or `signal`, then SIGKILL after `t` seconds) and start it again (`docker restart`). ' +
    'A container that is not running is simply started. The answer gives the state afterwards.',
  input: gracefulInput,
  output: gracefulOutput,
  effects: {
    always: ['container-state', 'destroys'],
    targets: { one: 'id' },
    startsContainer: true,
    reaches: 'target',
  },
  async run(input, ctx) {
    const outcome = await restartWithSignal(ctx.engine, input.id, {
      signal: input.signal,
      t: input.t,
      abort: ctx.signal,
    });
    const stopped =
      outcome.kind === 'stopped' && outcome.by === 'engine'
        ? `Restarted ${targetLabel(ctx, input.id)}${input.signal ? ` (stopped with ${input.signal})` : ''}.`
        : `${await describeStop(ctx, input.id, outcome, input.signal)} Started it again.`;
    const answer = await answerWithState(ctx, input.id, stopped, true);
    return { ...answer, data: { ...answer.data, stop: stopSummary(outcome) } };
  },
  preview: (input, ctx) => gracefulPreview(input, ctx, 'Restart'),
});

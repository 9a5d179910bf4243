import { stopWithSignal } from '../../engine/api/stop.js';
import { defineTool } from '../../mcp/define.js';
import { answerWithState } from '../../containers/lookup.js';
import {
  describeStop,
  gracefulInput,
  gracefulOutput,
  gracefulPreview,
  MAX_GRACE_S,
  stopSummary,
} from './graceful.js';

export const containerStop = defineTool({
  name: 'container_stop',
  title: 'Stop a container',
  description:
    'Stop a running container gracefully (`docker stop`): send its stop signal (or `signal`), wait up to `t` seconds for the process to exit, then SIGKILL. ' +
    `A stopped container is left as it is. Blocks until it has stopped (\`t\` ≤ ${MAX_GRACE_S} s); the answer gives the state afterwards, with the exit code.`,
  input: gracefulInput,
  output: gracefulOutput,
  effects: { always: ['container-state', 'destroys'], targets: { one: 'id' } },
  idempotent: true,
  async run(input, ctx) {
    const outcome = await stopWithSignal(ctx.engine, input.id, {
      signal: input.signal,
      t: input.t,
      abort: ctx.signal,
    });
    const headline = await describeStop(ctx, input.id, outcome, input.signal);
    const answer = await answerWithState(
      ctx,
      input.id,
      outcome.kind === 'already-stopped' ? `${headline} Nothing to do.` : headline,
      outcome.kind !== 'already-stopped',
    );
    return { ...answer, data: { ...answer.data, stop: stopSummary(outcome) } };
  },
  preview: (input, ctx) => gracefulPreview(input, ctx, 'Stop'),
});

import { z } from 'zod';
import { killContainer } from '../../engine/api/lifecycle.js';
import { defineTool } from '../../mcp/define.js';
import { containerId } from '../../containers/inputs.js';
import { describeSignal, signalInput } from '../../containers/signals.js';
import { actThenReport, inspectTarget, targetLabel } from '../../containers/lookup.js';
import { targetPreview } from '../../containers/preview.js';
import { lifecycleOutput } from '../../containers/state.js';

const input = z.strictObject({
  id: containerId,
  signal: signalInput(
    'Signal to send: a name (SIGKILL, SIGTERM, HUP, sigusr1) or a number 1-64. Default SIGKILL, which ends the container at once.',
  )
    .optional()
    .default('SIGKILL'),
});

export const containerKill = defineTool({
  name: 'container_kill',
  title: 'Send a signal to a container',
  description:
    "Send a signal to a running container's main process (`docker kill`). The default SIGKILL ends it immediately, without cleanup; " +
    'prefer container_stop for a graceful stop. Other signals (SIGHUP to reload, SIGUSR1, ...) leave it running unless the process exits. ' +
    'The answer gives the state afterwards.',
  input,
  output: lifecycleOutput,
  effects: { always: ['container-state', 'destroys'], targets: { one: 'id' } },
  run: (input, ctx) =>
    actThenReport(
      ctx,
      killContainer,
      input.id,
      `Sent ${describeSignal(input.signal)} to ${targetLabel(ctx, input.id)}.`,
      {
        query: { signal: input.signal },
      },
    ),
  async preview(input, ctx) {
    return targetPreview(
      await inspectTarget(ctx, input.id),
      `Send ${describeSignal(input.signal)} to`,
    );
  },
});

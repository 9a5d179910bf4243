import { z } from 'zod';
import { resizeContainer } from '../../engine/api/attach.js';
import { defineTool } from '../../mcp/define.js';
import { containerId } from '../../containers/inputs.js';
import { inspectTarget, stateAfter } from '../../containers/lookup.js';
import { lifecycleOutput } from '../../containers/state.js';
import { ttyDimension } from '../../containers/tty.js';

export const containerResize = defineTool({
  name: 'container_resize',
  title: "Resize a container's TTY",
  description:
    "Set the size of a running container's TTY (rows h, columns w), as a terminal window resize does: programs that draw full-screen (top, editors) or wrap text use it. " +
    'Only containers created with Tty: true have one; for others the engine accepts the call and nothing changes, and the answer says so.',
  input: z.strictObject({
    id: containerId,
    h: ttyDimension('height in rows'),
    w: ttyDimension('width in columns'),
  }),
  output: lifecycleOutput.extend({ tty: z.boolean() }),
  effects: { always: ['container-state'], targets: { one: 'id' } },
  idempotent: true,
  async run(input, ctx) {
    const container = await inspectTarget(ctx, input.id);
    await ctx.engine.call(resizeContainer, {
      params: { id: container.Id },
      query: { h: input.h, w: input.w },
      signal: ctx.signal,
    });
    const tty = container.Config.Tty ?? false;
    const after = await stateAfter(ctx, container.Id);
    const headline = tty
      ? `Resized the TTY of ${after.data.name} to ${input.h} rows x ${input.w} columns.`
      : `${after.data.name} has no TTY (created without Tty: true): the engine accepted the size, but nothing changed.`;
    return {
      text: `${headline}\nNow: ${after.line}`,
      data: { changed: tty, container: after.data, tty },
    };
  },
});

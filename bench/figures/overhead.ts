/**
 * Tool-call overhead: container_inspect through the MCP client over stdio vs the same
 * request made directly to the engine socket with a keep-alive HTTP client.
 */
import { benchContainer, engineCall } from '../lib/engine.js';
import type { Figure } from '../lib/figure.js';
import { startServer } from '../lib/server.js';
import { interleave, median, percentile } from '../lib/stats.js';

export const figure: Figure = {
  name: 'overhead',
  title: 'container_inspect over MCP stdio vs a direct keep-alive request to the engine',
  async run() {
    const id = await benchContainer('cmcp-bench-overhead', ['sleep', '600']);
    const server = await startServer();
    try {
      const times = await interleave({
        warmup: 20,
        reps: 400,
        subject: async () => {
          const result = await server.client.callTool({
            name: 'container_inspect',
            arguments: { id },
          });
          if (result.isError) throw new Error('container_inspect failed');
        },
        baseline: async () => {
          const answer = await engineCall('GET', `/containers/${id}/json`);
          JSON.parse(answer.body.toString());
        },
      });
      // The floor under any tool call: an MCP ping is the stdio round trip and the SDK's
      // message handling on both ends, with no engine call and no tool code at all.
      const floor = await interleave({
        warmup: 20,
        reps: 200,
        subject: () => server.client.ping(),
        baseline: async () => {
          const answer = await engineCall('GET', `/containers/${id}/json`);
          JSON.parse(answer.body.toString());
        },
      });
      const baselineLabel = 'direct keep-alive HTTP to the socket';
      return [
        {
          metric: 'inspect median',
          subject: median(times.subject),
          baseline: median(times.baseline),
          unit: 'ms',
          baselineLabel,
          target: { ratioAtMost: 1.3 },
        },
        {
          metric: 'inspect p99',
          subject: percentile(times.subject, 99),
          baseline: percentile(times.baseline, 99),
          unit: 'ms',
          baselineLabel,
        },
        {
          metric: 'MCP ping median (no engine call)',
          subject: median(floor.subject),
          baseline: median(floor.baseline),
          unit: 'ms',
          baselineLabel,
          note: 'the protocol round trip alone: inspect cannot cost less than ping + the engine call',
        },
      ];
    } finally {
      await server.close();
    }
  },
};

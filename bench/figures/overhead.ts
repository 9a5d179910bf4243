/**
 * Tool-call overhead: container_inspect through the MCP client over stdio vs the same
 * request made directly to the engine socket with a keep-alive HTTP client.
 */
import { benchContainer, engineCall } from '../lib/engine.js';
import type { Figure } from '../lib/figure.js';
import { inspectThroughServer, startServer } from '../lib/server.js';
import { interleave, timingRow } from '../lib/stats.js';

export const figure: Figure = {
  name: 'overhead',
  title: 'container_inspect over MCP stdio vs a direct keep-alive request to the engine',
  async run() {
    const id = await benchContainer('cmcp-bench-overhead', ['sleep', '600']);
    const server = await startServer();
    const direct = async () => {
      const answer = await engineCall('GET', `/containers/${id}/json`);
      JSON.parse(answer.body.toString());
    };
    try {
      const times = await interleave({
        warmup: 20,
        reps: 400,
        subject: () => inspectThroughServer(server, id),
        baseline: direct,
      });
      // The floor under any tool call: an MCP ping is the stdio round trip and the SDK's
      // message handling on both ends, with no engine call and no tool code at all.
      const floor = await interleave({
        warmup: 20,
        reps: 200,
        subject: () => server.client.ping(),
        baseline: direct,
      });
      const baselineLabel = 'direct keep-alive HTTP to the socket';
      return [
        timingRow(times, 50, {
          metric: 'inspect median',
          baselineLabel,
          target: { ratioAtMost: 1.3 },
        }),
        timingRow(times, 99, { metric: 'inspect p99', baselineLabel }),
        timingRow(floor, 50, {
          metric: 'MCP ping median (no engine call)',
          baselineLabel,
          note: 'the protocol round trip alone: inspect cannot cost less than ping + the engine call',
        }),
      ];
    } finally {
      await server.close();
    }
  },
};

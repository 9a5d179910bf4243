/**
 * Tool-call overhead: container_inspect through the MCP client over stdio, in each protocol
 * era, vs the same request made directly to the engine socket with a keep-alive HTTP client.
 */
import { benchContainer, engineCall } from '../lib/engine.js';
import type { Figure, Row } from '../lib/figure.js';
import { inspectThroughServer, startServer } from '../lib/server.js';
import { interleave, timingRow } from '../lib/stats.js';

export const figure: Figure = {
  name: 'overhead',
  title:
    'container_inspect over MCP stdio (2026-07-28 and 2025) vs a direct keep-alive request to the engine',
  async run() {
    const id = await benchContainer('cmcp-bench-overhead', ['sleep', '600']);
    const direct = async () => {
      const answer = await engineCall('GET', `/containers/${id}/json`);
      JSON.parse(answer.body.toString());
    };
    const baselineLabel = 'direct keep-alive HTTP to the socket';
    const rows: Row[] = [];
    for (const era of ['modern', 'legacy'] as const) {
      const server = await startServer([], era);
      const label = era === 'modern' ? '2026-07-28' : '2025-11-25';
      try {
        const times = await interleave({
          warmup: 20,
          reps: 400,
          subject: () => inspectThroughServer(server, id),
          baseline: direct,
        });
        rows.push(
          timingRow(times, 50, {
            metric: `inspect median, ${label}`,
            baselineLabel,
            target: { ratioAtMost: 1.5 },
          }),
          timingRow(times, 99, { metric: `inspect p99, ${label}`, baselineLabel }),
        );
        // The floor under any tool call: the stdio round trip and the SDKs' message handling
        // on both ends, with no engine call and no tool code (2025: ping; 2026-07-28 has none,
        // so the smallest list, resources/templates/list, past the client's cache).
        const floor = await interleave({
          warmup: 20,
          reps: 200,
          subject: () => server.client.ping(),
          baseline: direct,
        });
        rows.push(
          timingRow(floor, 50, {
            metric: `protocol round trip median (no engine call), ${label}`,
            baselineLabel,
            note: 'inspect cannot cost less than this + the engine call',
          }),
        );
      } finally {
        await server.close();
      }
    }
    return rows;
  },
};

/**
 * container_inspect through the server vs `docker inspect`: what a server that wraps the
 * Docker CLI pays per call (a process start, the CLI's own negotiation, its JSON printing).
 */
import { benchContainer, dockerCli } from '../lib/engine.js';
import type { Figure } from '../lib/figure.js';
import { inspectThroughServer, startServer } from '../lib/server.js';
import { interleave, timingRow } from '../lib/stats.js';

export const figure: Figure = {
  name: 'cli',
  title: 'container_inspect over MCP stdio vs running `docker inspect`',
  async run() {
    const id = await benchContainer('cmcp-bench-cli', ['sleep', '600']);
    const server = await startServer();
    try {
      const times = await interleave({
        warmup: 5,
        reps: 40,
        subject: () => inspectThroughServer(server, id),
        baseline: () => dockerCli(['inspect', id]),
      });
      const baselineLabel = '`docker inspect` (a CLI process per call)';
      return [
        timingRow(times, 50, { metric: 'inspect median', baselineLabel }),
        timingRow(times, 99, { metric: 'inspect p99', baselineLabel }),
      ];
    } finally {
      await server.close();
    }
  },
};

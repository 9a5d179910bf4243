/**
 * container_inspect through the server vs `docker inspect`: what a server that wraps the
 * Docker CLI pays per call (a process start, the CLI's own negotiation, its JSON printing).
 */
import { benchContainer, dockerCli } from '../lib/engine.js';
import type { Figure } from '../lib/figure.js';
import { startServer } from '../lib/server.js';
import { interleave, median, percentile } from '../lib/stats.js';

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
        subject: async () => {
          const result = await server.client.callTool({
            name: 'container_inspect',
            arguments: { id },
          });
          if (result.isError) throw new Error('container_inspect failed');
        },
        baseline: () => dockerCli(['inspect', id]),
      });
      const baselineLabel = '`docker inspect` (a CLI process per call)';
      return [
        {
          metric: 'inspect median',
          subject: median(times.subject),
          baseline: median(times.baseline),
          unit: 'ms',
          baselineLabel,
        },
        {
          metric: 'inspect p99',
          subject: percentile(times.subject, 99),
          baseline: percentile(times.baseline, 99),
          unit: 'ms',
          baselineLabel,
        },
      ];
    } finally {
      await server.close();
    }
  },
};

/**
 * What a confirmation costs: container_kill under the default --confirm with a token (the
 * previewing call, then the confirmed one) vs the same call under --confirm none. The
 * signal is one the container ignores, so every repetition finds the same state.
 */
import { benchContainer } from '../lib/engine.js';
import type { Figure } from '../lib/figure.js';
import { startServer } from '../lib/server.js';
import { interleave, median, percentile } from '../lib/stats.js';

export const figure: Figure = {
  name: 'confirm',
  title: 'container_kill confirmed with a token (two calls) vs the same call unguarded',
  async run() {
    const id = await benchContainer('cmcp-bench-confirm', [
      'sh',
      '-c',
      "trap '' USR1; while :; do sleep 1; done",
    ]);
    const [guarded, open] = await Promise.all([
      startServer(['--confirm', 'destructive']),
      startServer(['--confirm', 'none']),
    ]);
    const args = { id, signal: 'SIGUSR1' };
    try {
      const times = await interleave({
        warmup: 10,
        reps: 150,
        subject: async () => {
          const first = await guarded.client.callTool({ name: 'container_kill', arguments: args });
          const { token } = first.structuredContent as { token?: string };
          if (!token) throw new Error('no confirmation token');
          const confirmed = await guarded.client.callTool({
            name: 'container_kill',
            arguments: { ...args, confirm: token },
          });
          if (confirmed.isError) throw new Error('the confirmed container_kill failed');
        },
        baseline: async () => {
          const result = await open.client.callTool({ name: 'container_kill', arguments: args });
          if (result.isError) throw new Error('container_kill failed');
        },
      });
      const baselineLabel = 'the same container_kill with --confirm none';
      return [
        {
          metric: 'preview + confirmed call, median',
          subject: median(times.subject),
          baseline: median(times.baseline),
          unit: 'ms',
          baselineLabel,
        },
        {
          metric: 'preview + confirmed call, p90',
          subject: percentile(times.subject, 90),
          baseline: percentile(times.baseline, 90),
          unit: 'ms',
          baselineLabel,
        },
      ];
    } finally {
      await Promise.all([guarded.close(), open.close()]);
    }
  },
};

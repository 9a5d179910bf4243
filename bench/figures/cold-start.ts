/**
 * Cold start: spawning the server until its tools/list answer arrives, as an MCP host does
 * when a session opens, against spawning Node itself with an empty script (the floor no
 * Node server can go below on this machine).
 */
import { spawn } from 'node:child_process';
import type { Figure } from '../lib/figure.js';
import { startServer } from '../lib/server.js';
import { interleave, median, percentile } from '../lib/stats.js';

function emptyNode(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`node exited ${code}`)),
    );
  });
}

export const figure: Figure = {
  name: 'cold-start',
  title: 'spawn to the tools/list answer vs spawning `node -e ""`',
  async run() {
    const times = await interleave({
      warmup: 2,
      reps: 21,
      subject: async () => {
        const server = await startServer();
        try {
          await server.client.listTools();
        } finally {
          await server.close();
        }
      },
      baseline: emptyNode,
    });
    const baselineLabel = 'node -e "" (Node start and exit)';
    return [
      {
        metric: 'spawn to tools/list, median',
        subject: median(times.subject),
        baseline: median(times.baseline),
        unit: 'ms',
        baselineLabel,
        target: { subjectAtMost: 300 },
      },
      {
        metric: 'spawn to tools/list, p90',
        subject: percentile(times.subject, 90),
        baseline: percentile(times.baseline, 90),
        unit: 'ms',
        baselineLabel,
      },
    ];
  },
};

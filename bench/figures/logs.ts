/**
 * container_logs on a 150 MB log: the server's peak memory growth (target: at most 64 MiB,
 * however big the log) and the call's time against `docker logs` of the same container to
 * /dev/null (target: at most 1.5x), for a grep over the whole log and for the default call
 * (the newest 100 lines, against `docker logs --tail 100`). Interleaved, medians.
 */
import { benchContainer, dockerCli, engineCall } from '../lib/engine.js';
import type { Figure, Row } from '../lib/figure.js';
import { MiB, peakGrowth } from '../lib/memory.js';
import { startServer, type BenchServer } from '../lib/server.js';
import { interleave, median } from '../lib/stats.js';

const LOG_BYTES = 150_000_000;
/** ~200-byte lines, one in 500 an error: what grep looks for. */
const WRITER = `awk 'BEGIN { pad = sprintf("%120s", ""); gsub(/ /, "x", pad);
  for (i = 1; ; i++) printf "2026-11-26T10:00:00Z level=%s worker=%d request=/api/v1/items/%d status=200 msg=%s\\n",
    (i % 500 == 0 ? "error" : "info"), i % 16, i, pad }' | head -c ${LOG_BYTES}`;

async function logsCall(server: BenchServer, args: Record<string, unknown>): Promise<void> {
  const result = await server.client.callTool(
    { name: 'container_logs', arguments: args },
    undefined,
    { timeout: 600_000 },
  );
  if (result.isError) throw new Error('container_logs failed');
}

/** Time the call against the CLI, and keep the largest memory growth of the server's calls. */
async function measure(
  server: BenchServer,
  call: () => Promise<void>,
  baseline: () => Promise<void>,
  reps: number,
  warmup: number,
): Promise<{ subject: number; baseline: number; growth: number }> {
  const growths: number[] = [];
  const times = await interleave({
    warmup,
    reps,
    subject: async () => growths.push(await peakGrowth(server.pid, call)),
    baseline,
  });
  return {
    subject: median(times.subject),
    baseline: median(times.baseline),
    // Every call counts, the first too: JIT and heap warm-up are part of what a call costs.
    growth: Math.max(...growths) / MiB,
  };
}

export const figure: Figure = {
  name: 'logs',
  title: 'container_logs on a 150 MB log: peak memory growth, and time vs docker logs',
  async run() {
    const id = await benchContainer('cmcp-bench-logs', ['sh', '-c', WRITER]);
    await engineCall('POST', `/containers/${id}/wait`);
    const server = await startServer();
    try {
      const grepArgs = { id, grep: 'level=error worker=7 ' };
      const grep = await measure(
        server,
        () => logsCall(server, grepArgs),
        () => dockerCli(['logs', id]),
        3,
        0, // the log was just written: it is in the page cache for both sides already
      );
      const tail = await measure(
        server,
        () => logsCall(server, { id }),
        () => dockerCli(['logs', '--tail', '100', id]),
        15,
        3,
      );
      const log = `${LOG_BYTES / 1e6} MB log, ~200-byte lines`;
      const memory = (metric: string, growth: number): Row => ({
        metric,
        subject: growth,
        baseline: LOG_BYTES / MiB,
        unit: 'MiB',
        baselineLabel: 'the log read',
        target: { subjectAtMost: 64 },
        note: 'peak RSS growth of the server process during the call',
      });
      return [
        memory('grep: peak memory growth', grep.growth),
        {
          metric: 'grep: time (median of 3)',
          subject: grep.subject,
          baseline: grep.baseline,
          unit: 'ms',
          baselineLabel: 'docker logs > /dev/null',
          target: { ratioAtMost: 1.5 },
          note: log,
        },
        memory('default (tail 100): peak memory growth', tail.growth),
        {
          metric: 'default (tail 100): time (median of 15)',
          subject: tail.subject,
          baseline: tail.baseline,
          unit: 'ms',
          baselineLabel: 'docker logs --tail 100 > /dev/null',
          target: { ratioAtMost: 1.5 },
          note: log,
        },
      ];
    } finally {
      await server.close();
    }
  },
};

/**
 * Memory that stays: the server's resident size after 3,000 container_inspect calls and then
 * after 300 container_logs calls that read a 5 MB log whole (a grep), against its resident
 * size at rest (started, tools listed). A ratio near 1 means calls leave nothing behind; the
 * note says the growth in MiB.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { benchContainer, engineCall } from '../lib/engine.js';
import type { Figure, Row } from '../lib/figure.js';
import { MiB, residentBytes } from '../lib/memory.js';
import { inspectThroughServer, startServer, type BenchServer } from '../lib/server.js';

const LOG_BYTES = 5_000_000;
const WRITER = `awk 'BEGIN { for (i = 1; ; i++) printf "level=%s worker=%d request=/api/v1/items/%d status=200\\n",
  (i % 500 == 0 ? "error" : "info"), i % 16, i }' | head -c ${LOG_BYTES}`;
const INSPECTS = 3000;
const LOGS_CALLS = 300;
/** Calls in flight at once, as a busy agent (or several) would send them. */
const PARALLEL = 8;

async function inParallel(count: number, call: () => Promise<void>): Promise<void> {
  let left = count;
  const worker = async (): Promise<void> => {
    while (left > 0) {
      left -= 1;
      await call();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

/** Resident size once the process has settled (timers fired, garbage collected if due). */
async function settled(server: BenchServer): Promise<number> {
  await delay(1000);
  await server.client.ping();
  return residentBytes(server.pid) / MiB;
}

export const figure: Figure = {
  name: 'memory',
  title: 'resident memory after 3,000 inspects and 300 logs calls on a 5 MB log, vs at rest',
  async run() {
    const logged = await benchContainer('cmcp-bench-memory-log', ['sh', '-c', WRITER]);
    await engineCall('POST', `/containers/${logged}/wait`);
    const target = await benchContainer('cmcp-bench-memory', ['sleep', '3600']);
    const server = await startServer();
    try {
      await server.client.listTools();
      const rest = await settled(server);
      await inParallel(INSPECTS, () => inspectThroughServer(server, target));
      const afterInspects = await settled(server);
      await inParallel(LOGS_CALLS, async () => {
        const result = await server.client.callTool({
          name: 'container_logs',
          arguments: { id: logged, grep: 'level=error worker=7 ' },
        });
        if (result.isError) throw new Error('container_logs failed');
      });
      const afterLogs = await settled(server);
      const row = (metric: string, subject: number): Row => ({
        metric,
        subject,
        baseline: rest,
        unit: 'MiB',
        baselineLabel: 'the same server at rest',
        note: `growth ${(subject - rest).toFixed(1)} MiB (resident size, ${PARALLEL} calls in flight)`,
      });
      return [
        row(`RSS after ${INSPECTS} container_inspect`, afterInspects),
        row(`RSS after ${LOGS_CALLS} container_logs (grep over a 5 MB log)`, afterLogs),
      ];
    } finally {
      await server.close();
    }
  },
};

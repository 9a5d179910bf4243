/**
 * Streamable HTTP under load: 50 sessions making 2,000 container_inspect calls in all (40
 * each, one after another, all sessions at once), against the same 2,000 requests made
 * directly to the engine by 50 workers on a keep-alive agent with 50 sockets. Rounds
 * alternate between the two; the figures are medians over rounds. Server memory is the
 * peak resident size during the calls against its resident size at rest.
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { connectSession, startHttpServer } from '../../test/helpers/http.js';
import { benchContainer, engineCall } from '../lib/engine.js';
import type { Figure, Row } from '../lib/figure.js';
import { MiB, peakGrowth, residentBytes } from '../lib/memory.js';
import { median, percentile } from '../lib/stats.js';

const SESSIONS = 50;
const CALLS = 2_000;
const ROUNDS = 3;

interface Round {
  callsPerSecond: number;
  latencies: number[];
  errors: number;
}

/** `workers` loops, each making its share of `CALLS` calls in turn. */
async function load(workers: number, call: (worker: number) => Promise<boolean>): Promise<Round> {
  const latencies: number[] = [];
  let errors = 0;
  const perWorker = CALLS / workers;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; i < perWorker; i++) {
        const began = performance.now();
        const ok = await call(worker).catch(() => false);
        latencies.push(performance.now() - began);
        if (!ok) errors += 1;
      }
    }),
  );
  return { callsPerSecond: CALLS / ((performance.now() - start) / 1000), latencies, errors };
}

export const figure: Figure = {
  name: 'http',
  title: `${SESSIONS} Streamable HTTP sessions making ${CALLS} container_inspect calls vs the same calls made directly`,
  async run() {
    const id = await benchContainer('cmcp-bench-http', ['sleep', '600']);
    const server = await startHttpServer({
      args: ['--log-level', 'error'],
      env: { CONTAINER_MCP_CHECK_OUTPUT: '0' },
    });
    const pid = server.child.pid ?? 0;
    const agent = new Agent({ keepAlive: true, maxSockets: SESSIONS });
    const subject: Round[] = [];
    const baseline: Round[] = [];
    let peak = 0;
    const atRest = residentBytes(pid);
    try {
      const viaHttp = async (): Promise<Round> => {
        const clients: Client[] = await Promise.all(
          Array.from({ length: SESSIONS }, () => connectSession(server)),
        );
        let round: Round | undefined;
        const growth = await peakGrowth(pid, async () => {
          round = await load(SESSIONS, async (worker) => {
            const result = await clients[worker]!.callTool({
              name: 'container_inspect',
              arguments: { id },
            });
            return result.isError !== true;
          });
        });
        peak = Math.max(peak, growth);
        await Promise.all(clients.map((client) => client.close()));
        return round!;
      };
      const direct = (): Promise<Round> =>
        load(SESSIONS, async () => {
          const answer = await engineCall('GET', `/containers/${id}/json`, undefined, agent);
          JSON.parse(answer.body.toString());
          return answer.status === 200;
        });
      await direct(); // warm the engine and both paths once, unmeasured
      await viaHttp();
      for (let i = 0; i < ROUNDS; i++) {
        if (i % 2 === 0) {
          subject.push(await viaHttp());
          baseline.push(await direct());
        } else {
          baseline.push(await direct());
          subject.push(await viaHttp());
        }
      }
    } finally {
      agent.destroy();
      await server.stop();
    }
    const baselineLabel = `direct keep-alive requests, ${SESSIONS} at once`;
    const of = (rounds: Round[], pick: (round: Round) => number): number =>
      median(rounds.map(pick));
    const rows: Row[] = [
      {
        metric: 'throughput',
        subject: of(subject, (r) => r.callsPerSecond),
        baseline: of(baseline, (r) => r.callsPerSecond),
        unit: 'calls/s',
        baselineLabel,
      },
      {
        metric: 'latency p50',
        subject: of(subject, (r) => median(r.latencies)),
        baseline: of(baseline, (r) => median(r.latencies)),
        unit: 'ms',
        baselineLabel,
      },
      {
        metric: 'latency p99',
        subject: of(subject, (r) => percentile(r.latencies, 99)),
        baseline: of(baseline, (r) => percentile(r.latencies, 99)),
        unit: 'ms',
        baselineLabel,
      },
      {
        metric: 'errors',
        subject: subject.reduce((sum, r) => sum + r.errors, 0),
        baseline: baseline.reduce((sum, r) => sum + r.errors, 0),
        unit: 'calls',
        baselineLabel: `same, over ${ROUNDS} rounds of ${CALLS}`,
        target: { subjectAtMost: 0 },
      },
      {
        metric: 'server peak memory',
        subject: (atRest + peak) / MiB,
        baseline: atRest / MiB,
        unit: 'MiB',
        baselineLabel: 'the server at rest, before any session',
        note: `peak growth ${(peak / MiB).toFixed(1)} MiB during ${SESSIONS} sessions`,
      },
    ];
    return rows;
  },
};

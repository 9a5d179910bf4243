/**
 * Streamable HTTP under load: 50 clients making 2,000 container_inspect calls in all (40
 * each, one after another, all clients at once), in each protocol era: 2026-07-28 clients
 * (no session: every request gets a server of its own from the prepared table) and 2025
 * clients (one session each); against the same 2,000 requests made directly to the engine
 * by 50 workers on a keep-alive agent with 50 sockets. Rounds alternate between the three;
 * the figures are medians over rounds. Server memory is the peak resident size during the
 * calls against its resident size at rest.
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Era, TestClient } from '../../test/helpers/clients.js';
import { connect, startHttpServer } from '../../test/helpers/http.js';
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
  title: `${SESSIONS} Streamable HTTP clients (2026-07-28, 2025) making ${CALLS} container_inspect calls vs the same calls made directly`,
  async run() {
    const id = await benchContainer('cmcp-bench-http', ['sleep', '600']);
    const server = await startHttpServer({
      args: ['--log-level', 'error'],
      env: { CONTAINER_MCP_CHECK_OUTPUT: '0' },
    });
    const pid = server.child.pid ?? 0;
    const agent = new Agent({ keepAlive: true, maxSockets: SESSIONS });
    const rounds: Record<Era | 'direct', Round[]> = { modern: [], legacy: [], direct: [] };
    let peak = 0;
    const atRest = residentBytes(pid);
    try {
      const viaHttp = (era: Era) => async (): Promise<Round> => {
        const clients: TestClient[] = await Promise.all(
          Array.from({ length: SESSIONS }, () => connect(server, { era })),
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
      const sides = {
        modern: viaHttp('modern'),
        legacy: viaHttp('legacy'),
        direct,
      };
      for (const run of Object.values(sides)) await run(); // warm every path once, unmeasured
      const order = Object.keys(sides) as (keyof typeof sides)[];
      for (let i = 0; i < ROUNDS; i++)
        for (const side of i % 2 === 0 ? order : [...order].reverse())
          rounds[side].push(await sides[side]());
    } finally {
      agent.destroy();
      await server.stop();
    }
    const baselineLabel = `direct keep-alive requests, ${SESSIONS} at once`;
    const of = (side: Round[], pick: (round: Round) => number): number => median(side.map(pick));
    const calls = (r: Round) => r.callsPerSecond;
    const p50 = (r: Round) => median(r.latencies);
    const p99 = (r: Round) => percentile(r.latencies, 99);
    const eraRows = (era: Era, label: string): Row[] => [
      {
        metric: `throughput, ${label}`,
        subject: of(rounds[era], calls),
        baseline: of(rounds.direct, calls),
        unit: 'calls/s',
        baselineLabel,
        ...(era === 'modern' && { target: { ratioAtLeast: 0.5 } }),
      },
      {
        metric: `latency p50, ${label}`,
        subject: of(rounds[era], p50),
        baseline: of(rounds.direct, p50),
        unit: 'ms',
        baselineLabel,
      },
      {
        metric: `latency p99, ${label}`,
        subject: of(rounds[era], p99),
        baseline: of(rounds.direct, p99),
        unit: 'ms',
        baselineLabel,
      },
      {
        metric: `errors, ${label}`,
        subject: rounds[era].reduce((sum, r) => sum + r.errors, 0),
        baseline: rounds.direct.reduce((sum, r) => sum + r.errors, 0),
        unit: 'calls',
        baselineLabel: `same, over ${ROUNDS} rounds of ${CALLS}`,
        target: { subjectAtMost: 0 },
      },
    ];
    const rows: Row[] = [
      ...eraRows('modern', '2026-07-28 (a server per request)'),
      ...eraRows('legacy', '2025 (a session each)'),
      {
        metric: 'throughput, 2026-07-28 against 2025',
        subject: of(rounds.modern, calls),
        baseline: of(rounds.legacy, calls),
        unit: 'calls/s',
        baselineLabel: `${SESSIONS} 2025 sessions`,
      },
      {
        metric: 'server peak memory',
        subject: (atRest + peak) / MiB,
        baseline: atRest / MiB,
        unit: 'MiB',
        baselineLabel: 'the server at rest, before any client',
        note: `peak growth ${(peak / MiB).toFixed(1)} MiB during ${SESSIONS} clients`,
      },
    ];
    return rows;
  },
};

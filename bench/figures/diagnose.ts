/**
 * "Why did it stop?" in one call or in three: container_diagnose against the calls a model
 * makes without it for the same answer (container_inspect for the state and exit code, with
 * `full: true` where the health probes' output is needed; container_logs, default tail, for
 * the last lines; container_events for the history), on the issue's four containers: one
 * that exits 1, one killed for memory, one with a failing and one with a passing
 * healthcheck. Tokens (cl100k) of each form, and wall time (the three calls one after the
 * other, as a model makes them, without its own time between them).
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Figure, Row } from '../lib/figure.js';
import { startServer, type BenchServer } from '../lib/server.js';
import { interleave, timingRow } from '../lib/stats.js';
import { BENCH_CASES, DIAGNOSE_CASES } from '../../test/helpers/diagnose-cases.js';
import { eventually, removeTestContainers } from '../../test/helpers/docker.js';
import { countTokens, structuredForm, textForm } from '../../test/helpers/token-budget.js';

const REPS = 10;

async function callTool(
  server: BenchServer,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  const result = (await server.client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name} failed: ${textForm(result)}`);
  return result;
}

/** The calls without container_diagnose, in the order a model makes them. */
function withoutDiagnose(server: BenchServer, id: string, probes: boolean) {
  return async (): Promise<CallToolResult[]> => [
    await callTool(server, 'container_inspect', { id, ...(probes && { full: true }) }),
    await callTool(server, 'container_logs', { id }),
    await callTool(server, 'container_events', { filters: { container: id } }),
  ];
}

const tokensOf = (results: CallToolResult[], form: (r: CallToolResult) => string) =>
  results.reduce((sum, result) => sum + countTokens(form(result)), 0);

export const figure: Figure = {
  name: 'diagnose',
  title:
    'container_diagnose vs inspect + logs + events for the same answer: tokens and wall time, four containers',
  async run() {
    const server = await startServer();
    try {
      const rows: Row[] = [];
      for (const name of BENCH_CASES) {
        const setup = DIAGNOSE_CASES[name];
        const container = await setup.create();
        await eventually(() => setup.settled(container), 60_000);
        const id = container.name;
        const diagnose = () => callTool(server, 'container_diagnose', { id });
        const three = withoutDiagnose(server, id, name === 'unhealthy');
        const one = await diagnose();
        const many = await three();
        const baselineLabel = `inspect${name === 'unhealthy' ? ' full' : ''} + logs + events`;
        for (const [form, measure] of [
          ['structured', structuredForm],
          ['text', textForm],
        ] as const) {
          rows.push({
            metric: `${name}: tokens, ${form} form`,
            subject: countTokens(measure(one)),
            baseline: tokensOf(many, measure),
            unit: 'tokens',
            baselineLabel,
            target: { subjectAtMost: 1500 },
          });
        }
        const times = await interleave({ subject: diagnose, baseline: three, reps: REPS });
        rows.push(
          timingRow(times, 50, {
            metric: `${name}: wall time, median of ${REPS}`,
            baselineLabel: `${baselineLabel}, one after the other`,
            note: (one.structuredContent as { verdict?: string } | undefined)?.verdict ?? '',
          }),
        );
      }
      return rows;
    } finally {
      await server.close();
      await removeTestContainers();
    }
  },
};

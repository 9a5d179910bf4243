import { z } from 'zod';
import type { ContainerInspect } from '../../engine/index.js';
import { spread, type Spread, type StatsFigures } from '../../engine/stats.js';
import { readStatsOnce, readStatsSeries, type StatsReading } from '../../engine/stats-reader.js';
import { boundText } from '../../render/bound.js';
import { describeState, nameOf, shortId } from '../../render/containers.js';
import {
  renderStatsRow,
  renderStatsSeries,
  renderSummary,
  type SeriesSummary,
} from '../../render/stats.js';
import { defineTool, type ToolAnswer } from '../../mcp/define.js';
import { containerId } from '../../containers/inputs.js';
import { inspectTarget } from '../../containers/lookup.js';

const MAX_SAMPLES = 10;
const STREAM_SAMPLES = 5;
/** The engine's JSON is 2-4 KB; a host with hundreds of CPUs makes it longer. */
const MAX_RAW_CHARS = 32 * 1024;

const figures = z.object({
  read: z.string().describe('When the engine read the counters'),
  cpu_percent: z.number().describe('CPU use, 100 = one CPU fully busy'),
  memory_used: z.number().describe('Bytes in use, page cache not counted (as docker stats)'),
  memory_limit: z.number().describe('Bytes; the host memory when the container has no limit'),
  memory_percent: z.number(),
  network_rx: z.number().describe('Bytes received, all networks'),
  network_tx: z.number().describe('Bytes sent, all networks'),
  block_read: z.number().describe('Bytes read from block devices'),
  block_write: z.number().describe('Bytes written to block devices'),
  pids: z.number(),
});
const spreadSchema = z.object({ min: z.number(), mean: z.number(), max: z.number() });

export const containerStats = defineTool({
  name: 'container_stats',
  title: 'Container resource use',
  description:
    'CPU %, memory, network and block I/O and process count of a running container, like `docker stats --no-stream` (100% CPU = one CPU). ' +
    "`samples` takes a series `interval_ms` apart with min / mean / max; `raw: true` adds the engine's JSON.",
  input: z
    .strictObject({
      id: containerId,
      stream: z
        .boolean()
        .default(false)
        .describe(
          `Read the series from the engine's live stream (${STREAM_SAMPLES} readings unless samples says)`,
        ),
      one_shot: z.boolean().default(false).describe("Don't wait for the engine's collection cycle"),
      samples: z
        .number()
        .int()
        .min(1)
        .max(MAX_SAMPLES)
        .optional()
        .describe(`How many readings: 1 (default) or a series of up to ${MAX_SAMPLES}`),
      interval_ms: z
        .number()
        .int()
        .min(200)
        .max(10_000)
        .default(1000)
        .describe('Time between readings (the engine collects about once a second)'),
      raw: z
        .boolean()
        .default(false)
        .describe("Also return the engine's stats JSON (last reading)"),
    })
    .superRefine((value, ctx) => {
      if (value.one_shot && (value.stream || (value.samples ?? 1) > 1)) {
        ctx.addIssue({
          code: 'custom',
          path: ['one_shot'],
          message: 'one_shot is for a single reading: drop it, or drop stream and samples',
        });
      }
    }),
  output: z.object({
    container: z.object({
      id: z.string().describe('Short id'),
      name: z.string(),
      status: z.string(),
    }),
    stats: figures.describe('The last reading'),
    series: z.array(figures).optional().describe('Every reading of a series, oldest first'),
    summary: z
      .object({
        cpu_percent: spreadSchema,
        memory_used: spreadSchema,
        memory_percent: spreadSchema,
        pids: spreadSchema,
      })
      .optional(),
    raw: z.record(z.string(), z.unknown()).optional().describe("The engine's JSON (raw: true)"),
  }),
  effects: { always: [], targets: { one: 'id' } },
  async run(args, ctx) {
    const { engine, signal } = ctx;
    const container = await inspectTarget(ctx, args.id);
    const name = nameOf(container);
    if (!container.State.Running) {
      return {
        isError: true,
        text: `${name} is not running (${describeState(container.State)}): a stopped container has no live stats.\nNext: start it (container_start), or read what it printed with container_logs.`,
      };
    }
    const count = args.samples ?? (args.stream ? STREAM_SAMPLES : 1);
    const options = { intervalMs: args.interval_ms, signal };
    const readings =
      args.stream || count > 1
        ? await readStatsSeries(engine, container.Id, { ...options, count })
        : [await readStatsOnce(engine, container.Id, { ...options, oneShot: args.one_shot })];
    return statsAnswer(container, readings, count, args.raw);
  },
});

function statsAnswer(
  container: ContainerInspect,
  readings: StatsReading[],
  asked: number,
  raw: boolean,
): ToolAnswer<{
  container: { id: string; name: string; status: string };
  stats: z.output<typeof figures>;
  series?: z.output<typeof figures>[];
  summary?: SeriesSummary;
  raw?: Record<string, unknown>;
}> {
  const name = nameOf(container);
  const id = shortId(container.Id);
  const last = readings.at(-1);
  if (!last) {
    return {
      isError: true,
      text: `${name} gave no stats reading: it probably stopped meanwhile. Check it with container_inspect.`,
    };
  }
  const series = readings.map((r) => r.figures);
  const summary = asked > 1 || series.length > 1 ? summarize(series) : undefined;
  const lines = summary
    ? [
        `${name} (${id}): ${series.length} readings${series.length < asked ? ` of ${asked} asked (the stream ended early)` : ''}, oldest first.`,
        renderStatsSeries(series),
        '',
        renderSummary(summary),
      ]
    : [renderStatsRow({ id, name }, last.figures)];
  lines.push(
    `CPU %: 100% is one CPU fully busy (${last.sample.cpu_stats?.online_cpus ?? '?'} online).${container.State.Paused ? ' The container is paused: its processes get no CPU until container_unpause.' : ''}`,
  );
  const rawJson = raw ? JSON.stringify(last.sample, null, 1) : undefined;
  if (rawJson !== undefined) {
    lines.push('', "Engine's stats JSON (last reading):", boundText(rawJson, MAX_RAW_CHARS));
  }
  return {
    text: lines.join('\n'),
    data: {
      container: { id, name, status: container.State.Status },
      stats: toData(last.figures),
      ...(summary && { series: series.map(toData), summary }),
      ...(rawJson !== undefined &&
        rawJson.length <= MAX_RAW_CHARS && {
          raw: last.sample as unknown as Record<string, unknown>,
        }),
    },
  };
}

function summarize(series: StatsFigures[]): SeriesSummary {
  const of = (pick: (f: StatsFigures) => number): Spread =>
    spread(series.map(pick)) ?? { min: 0, mean: 0, max: 0 };
  return {
    cpu_percent: of((f) => f.cpuPercent ?? 0),
    memory_used: of((f) => f.memoryUsed),
    memory_percent: of((f) => f.memoryPercent),
    pids: of((f) => f.pids),
  };
}

function toData(f: StatsFigures): z.output<typeof figures> {
  return {
    read: f.read,
    cpu_percent: f.cpuPercent ?? 0,
    memory_used: f.memoryUsed,
    memory_limit: f.memoryLimit,
    memory_percent: f.memoryPercent,
    network_rx: f.networkRx,
    network_tx: f.networkTx,
    block_read: f.blockRead,
    block_write: f.blockWrite,
    pids: f.pids,
  };
}

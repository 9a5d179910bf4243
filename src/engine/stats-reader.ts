/**
 * Stats readings with a CPU % in each, however the engine delivers them:
 *
 *   await readStatsOnce(engine, id, { oneShot, intervalMs, signal })       // one reading
 *   await readStatsSeries(engine, id, { count, intervalMs, signal })      // up to 10
 *
 * CPU % needs two readings. `stream=0` gives the engine's own pair (precpu_stats, one cycle
 * apart); a one-shot read and Podman leave precpu_stats empty, so a second reading is taken
 * `intervalMs` later. A series reads the engine's live stream (a reading about every
 * second), keeps readings at least `intervalMs` apart, and computes each one's CPU % since the
 * reading kept before it. The stream is a long request: it is closed as soon as the series is
 * complete, and a deadline bounds it when readings stop coming.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { containerStatsOnce, containerStatsStream } from './api/output.js';
import type { Engine } from './client.js';
import { EngineError } from './errors.js';
import { readJsonLines } from './ndjson.js';
import { hasCpuBaseline, statsFigures, type StatsFigures, type StatsSample } from './stats.js';
import { deadlineSignal } from './deadline.js';

export interface StatsReading {
  sample: StatsSample;
  figures: StatsFigures;
}

export interface ReadStatsOptions {
  intervalMs: number;
  signal?: AbortSignal | undefined;
}

export async function readStatsOnce(
  engine: Engine,
  id: string,
  options: ReadStatsOptions & { oneShot?: boolean },
): Promise<StatsReading> {
  const read = (oneShot: boolean): Promise<StatsSample> =>
    engine.json<StatsSample>(containerStatsOnce, {
      params: { id },
      query: { stream: false, ...(oneShot && { 'one-shot': true }) },
      signal: options.signal,
    });
  const first = await read(options.oneShot ?? false);
  if (hasCpuBaseline(first.precpu_stats)) return { sample: first, figures: statsFigures(first) };
  await pause(options.intervalMs, options.signal);
  const second = await read(true);
  return { sample: second, figures: statsFigures(second, first.cpu_stats) };
}

/** Readings kept within this share of the interval count as on time (the engine drifts). */
const INTERVAL_SLACK = 0.9;

export async function readStatsSeries(
  engine: Engine,
  id: string,
  options: ReadStatsOptions & { count: number },
): Promise<StatsReading[]> {
  const { count, intervalMs, signal } = options;
  const deadline = deadlineSignal(count * Math.max(intervalMs, 1000) + 10_000);
  const response = await engine.request(containerStatsStream, {
    params: { id },
    query: { stream: true },
    signal,
  });
  const readings: StatsReading[] = [];
  let kept: StatsSample | undefined;
  const samples = readJsonLines<StatsSample>(response.body, {
    signal,
    stop: deadline,
    ...response.context,
  });
  for await (const sample of samples) {
    if (!isLive(sample)) break; // the container stopped: the engine sends zeroed readings
    if (kept === undefined) {
      kept = sample;
      if (hasCpuBaseline(sample.precpu_stats)) readings.push(reading(sample));
    } else if (Date.parse(sample.read) - Date.parse(kept.read) >= intervalMs * INTERVAL_SLACK) {
      readings.push(reading(sample, kept));
      kept = sample;
    }
    if (readings.length >= count) break;
  }
  return readings;
}

function reading(sample: StatsSample, previous?: StatsSample): StatsReading {
  return { sample, figures: statsFigures(sample, previous?.cpu_stats) };
}

/** A stopped container's readings carry the zero time. */
export function isLive(sample: StatsSample): boolean {
  return !sample.read.startsWith('0001-01-01');
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    throw new EngineError('cancelled', 'the stats call was cancelled', { cause: error });
  }
}

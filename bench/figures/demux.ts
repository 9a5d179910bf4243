/**
 * Demultiplexing throughput, in process: the engine's multiplexed log format (a frame per
 * line, as `docker logs` of a non-TTY container sends it, in the small chunks the engine's
 * socket delivers) through src/engine/demux.ts, and through the whole text pipeline of
 * container_logs (demux, lines, UTF-8, ANSI, newest-lines ring), against a plain Buffer
 * copy of the same chunks: the cheapest thing anything can do with those bytes.
 */
import { performance } from 'node:perf_hooks';
import { Demuxer } from '../../src/engine/demux.js';
import { OutputCollector } from '../../src/render/output/collector.js';
import type { Figure, Row } from '../lib/figure.js';
import { median } from '../lib/stats.js';

const TOTAL_BYTES = 64 * 1024 * 1024;
/** What undici hands over reading a logs body from the engine here: a few KiB a chunk. */
const CHUNK_BYTES = 16 * 1024;
const REPS = 9;

function multiplexedLog(): Buffer[] {
  const frames: Buffer[] = [];
  let size = 0;
  for (let i = 0; size < TOTAL_BYTES; i++) {
    const line = `2026-11-26T10:00:00.${String(i % 1e9).padStart(9, '0')}Z level=${i % 50 === 0 ? 'error' : 'info'} worker=${i % 16} request=/api/v1/items/${i} status=200 took=${i % 97}ms\n`;
    const payload = Buffer.from(line);
    const header = Buffer.alloc(8);
    header[0] = i % 10 === 0 ? 2 : 1;
    header.writeUInt32BE(payload.length, 4);
    frames.push(header, payload);
    size += 8 + payload.length;
  }
  const all = Buffer.concat(frames);
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < all.length; offset += CHUNK_BYTES) {
    chunks.push(all.subarray(offset, offset + CHUNK_BYTES));
  }
  return chunks;
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export const figure: Figure = {
  name: 'demux',
  title: 'Demultiplexing and the logs text pipeline, in process, vs a plain copy of the bytes',
  run() {
    const chunks = multiplexedLog();
    const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const copy = (): void => {
      for (const chunk of chunks) Buffer.from(chunk);
    };
    const demux = (): void => {
      const demuxer = new Demuxer();
      for (const chunk of chunks) demuxer.push(chunk);
      demuxer.end();
    };
    const pipeline = (): void => {
      const demuxer = new Demuxer();
      const collector = new OutputCollector({
        maxLines: 100,
        maxBytes: 16 * 1024,
        maxLineBytes: 2000,
        timestamps: true,
        render: { markStderr: true },
      });
      for (const chunk of chunks) for (const frame of demuxer.push(chunk)) collector.push(frame);
      collector.finish();
    };
    const times = { copy: [] as number[], demux: [] as number[], pipeline: [] as number[] };
    for (let i = 0; i < 2; i++) [copy, demux, pipeline].forEach((run) => run()); // warm-up
    for (let i = 0; i < REPS; i++) {
      times.copy.push(time(copy));
      times.demux.push(time(demux));
      times.pipeline.push(time(pipeline));
    }
    const mbps = (ms: number): string => `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
    const row = (metric: string, subject: number[]): Row => ({
      metric,
      subject: median(subject),
      baseline: median(times.copy),
      unit: 'ms',
      baselineLabel: `Buffer copy of the same ${(bytes / 2 ** 20).toFixed(0)} MiB`,
      note: `${mbps(median(subject))} vs ${mbps(median(times.copy))}; ${CHUNK_BYTES / 1024} KiB chunks, ~130-byte lines`,
    });
    return Promise.resolve([
      row('demux', times.demux),
      row('demux + lines + ANSI + ring', times.pipeline),
    ]);
  },
};

/** The whole text pipeline: multiplexed engine bytes -> demux -> lines -> bounded snapshot. */
import { describe, expect, it } from 'vitest';
import { Demuxer } from '../../src/engine/demux.js';
import { OutputCollector, type CollectorOptions } from '../../src/render/output/collector.js';
import {
  entrySize,
  isGap,
  renderEntries,
  streamsOf,
  type OutputEntry,
} from '../../src/render/output/render.js';
import { frame } from '../helpers/frames.js';

const TS = (n: number): string => `2026-11-26T21:20:${String(n).padStart(2, '0')}.000000001Z `;

/** A log as the engine sends it with timestamps=1: a frame per line, a character split across two frames. */
const euro = Buffer.from('€');
const log = Buffer.concat([
  frame(1, `${TS(1)}starting\n`),
  frame(2, `${TS(2)}\x1b[33mwarning\x1b[0m: low disk\n`),
  frame(1, Buffer.concat([Buffer.from(`${TS(3)}price 5`), euro.subarray(0, 1)])),
  frame(1, Buffer.concat([euro.subarray(1), Buffer.from('\n')])),
  frame(2, `${TS(4)}ERROR failed\n`),
  frame(1, `${TS(5)}done\n`),
]);

function collect(chunks: Buffer[], options: Partial<CollectorOptions> = {}) {
  const demuxer = new Demuxer();
  const collector = new OutputCollector({
    maxLines: 100,
    maxBytes: 10_000,
    maxLineBytes: 200,
    timestamps: true,
    ...options,
  });
  for (const chunk of chunks) for (const f of demuxer.push(chunk)) collector.push(f);
  demuxer.end();
  return collector.finish();
}

const texts = (entries: OutputEntry[]): string[] =>
  entries.map((e) => (isGap(e) ? '--' : `${e.stream}:${e.text}`));

describe('OutputCollector', () => {
  const expected = [
    'stdout:starting',
    'stderr:warning: low disk',
    'stdout:price 5€',
    'stderr:ERROR failed',
    'stdout:done',
  ];

  it('turns multiplexed frames into plain lines in the engine order, timestamps split off', () => {
    const snapshot = collect([log]);
    expect(texts(snapshot.entries)).toEqual(expected);
    expect(snapshot.entries[0]).toMatchObject({ time: '2026-11-26T21:20:01.000000001Z', cut: 0 });
    expect(snapshot).toMatchObject({ lines: 5, omitted: 0, errors: [] });
    expect(snapshot.last).toMatchObject({ text: 'done' });
  });

  it('gives the same snapshot fed byte by byte and in random splits', () => {
    const whole = collect([log]);
    const bytes = [...log].map((_, i) => log.subarray(i, i + 1));
    expect(collect(bytes)).toEqual(whole);
    let seed = 3;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 100; round++) {
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < log.length;) {
        const size = 1 + Math.floor(random() * 30);
        chunks.push(log.subarray(offset, offset + size));
        offset += size;
      }
      expect(collect(chunks)).toEqual(whole);
    }
  });

  it('keeps ANSI escapes with keepAnsi', () => {
    const snapshot = collect([log], { keepAnsi: true });
    expect(texts(snapshot.entries)[1]).toBe('stderr:\x1b[33mwarning\x1b[0m: low disk');
  });

  it('keeps the newest lines within maxLines and says what fell out', () => {
    const snapshot = collect([log], { maxLines: 2 });
    expect(texts(snapshot.entries)).toEqual(expected.slice(3));
    expect(snapshot).toMatchObject({ omitted: 3, limit: 'lines' });
    expect(snapshot.newestOmitted).toMatchObject({ text: 'price 5€', time: TS(3).trim() });
  });

  it('keeps the newest lines within maxBytes as rendered', () => {
    const render = { markStderr: true, timestamps: true };
    const snapshot = collect([log], { maxBytes: 100, render });
    const size = snapshot.entries.reduce((sum, e) => sum + entrySize(e, render), 0);
    expect(size).toBeLessThanOrEqual(100);
    expect(renderEntries(snapshot.entries, render).length + 1).toBe(size);
    expect(snapshot.limit).toBe('bytes');
    expect(texts(snapshot.entries).at(-1)).toBe('stdout:done');
  });

  it('greps with context, marking matches, over every line read', () => {
    const snapshot = collect([log], { grep: { pattern: /error|start/i, context: 0 } });
    expect(texts(snapshot.entries)).toEqual(['stdout:starting', '--', 'stderr:ERROR failed']);
    expect(snapshot).toMatchObject({ lines: 5, matched: 2 });
    const withContext = collect([log], { grep: { pattern: /ERROR/, context: 1 } });
    expect(withContext.entries.map((e) => (isGap(e) ? '--' : e.match))).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('cuts long lines, the timestamp not counting against the limit', () => {
    const long = frame(1, `${TS(6)}${'x'.repeat(500)}\n`);
    const snapshot = collect([long], { maxLineBytes: 100 });
    expect(snapshot.entries[0]).toMatchObject({ text: 'x'.repeat(100), cut: 400 });
    expect(renderEntries(snapshot.entries)).toBe(`${'x'.repeat(100)} … [line cut: 400 more bytes]`);
  });

  it("collects the engine's error frames apart from the lines", () => {
    const snapshot = collect([Buffer.concat([log, frame(3, 'error from daemon: file rotated\n')])]);
    expect(snapshot.errors).toEqual(['error from daemon: file rotated']);
    expect(snapshot.lines).toBe(5);
  });
});

describe('rendering', () => {
  it('marks stderr only when both streams are shown', () => {
    const snapshot = collect([log]);
    expect(streamsOf(snapshot.entries)).toEqual(['stdout', 'stderr']);
    expect(renderEntries(snapshot.entries, { markStderr: true })).toBe(
      'starting\n[stderr] warning: low disk\nprice 5€\n[stderr] ERROR failed\ndone',
    );
    const stderrOnly = snapshot.entries.filter((e) => !isGap(e) && e.stream === 'stderr');
    expect(streamsOf(stderrOnly)).toEqual(['stderr']);
  });

  it('prints timestamps when asked, as docker logs -t', () => {
    const snapshot = collect([log], { maxLines: 1 });
    expect(renderEntries(snapshot.entries, { timestamps: true })).toBe(`${TS(5)}done`);
  });
});

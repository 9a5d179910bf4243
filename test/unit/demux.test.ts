import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Demuxer, DemuxError, demux, type Frame } from '../../src/engine/demux.js';
import { frame } from '../helpers/frames.js';

/** Join consecutive parts of the same stream: a big frame may come out in several parts. */
function merged(frames: Frame[]): { stream: string; text: string }[] {
  const out: { stream: string; text: string }[] = [];
  for (const f of frames) {
    const last = out.at(-1);
    if (last && last.stream === f.stream) last.text += f.data.toString();
    else out.push({ stream: f.stream, text: f.data.toString() });
  }
  return out;
}

const sample = Buffer.concat([
  frame(1, 'hello out\n'),
  frame(2, 'oops err\n'),
  frame(0, 'stdin echo\n'),
  frame(1, ''),
  frame(1, 'x'.repeat(70_000)),
  frame(3, 'engine error'),
]);
const expected = [
  { stream: 'stdout', text: 'hello out\n' },
  { stream: 'stderr', text: 'oops err\n' },
  { stream: 'stdout', text: 'stdin echo\n' + 'x'.repeat(70_000) },
  { stream: 'error', text: 'engine error' },
];

describe('Demuxer', () => {
  it('parses whole frames in one chunk', () => {
    const demuxer = new Demuxer();
    expect(merged(demuxer.push(sample))).toEqual(expected);
    expect(() => demuxer.end()).not.toThrow();
  });

  it('parses the same bytes fed one byte at a time', () => {
    const demuxer = new Demuxer();
    const frames: Frame[] = [];
    for (let i = 0; i < sample.length; i++) frames.push(...demuxer.push(sample.subarray(i, i + 1)));
    demuxer.end();
    expect(merged(frames)).toEqual(expected);
  });

  it('parses random splits identically', () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const demuxer = new Demuxer();
      const frames: Frame[] = [];
      let offset = 0;
      while (offset < sample.length) {
        const size = 1 + Math.floor(random() * 40);
        frames.push(...demuxer.push(sample.subarray(offset, offset + size)));
        offset += size;
      }
      demuxer.end();
      expect(merged(frames)).toEqual(expected);
    }
  });

  it('hands out a large frame in parts as it arrives, without waiting for its end', () => {
    const demuxer = new Demuxer();
    const big = frame(1, 'y'.repeat(1000));
    const first = demuxer.push(big.subarray(0, 508));
    expect(first).toHaveLength(1);
    expect(first[0]?.data.length).toBe(500);
    const rest = demuxer.push(big.subarray(508));
    expect(rest[0]?.data.length).toBe(500);
  });

  it('rejects an unknown stream type', () => {
    expect(() => new Demuxer().push(frame(7, 'bad'))).toThrow(DemuxError);
    expect(() => new Demuxer().push(Buffer.from('plain TTY output\n'))).toThrow(
      /invalid frame header/,
    );
  });

  it('reports a stream cut inside a header or a payload', () => {
    const inHeader = new Demuxer();
    inHeader.push(frame(1, 'abc').subarray(0, 5));
    expect(() => inHeader.end()).toThrow(/3 header bytes missing/);
    const inPayload = new Demuxer();
    inPayload.push(frame(1, 'abcdef').subarray(0, 10));
    expect(() => inPayload.end()).toThrow(/4 payload bytes missing/);
  });

  it('demultiplexes an async stream of chunks', async () => {
    const chunks = Readable.from([
      sample.subarray(0, 3),
      sample.subarray(3, 30),
      sample.subarray(30),
    ]);
    const frames: Frame[] = [];
    for await (const f of demux(chunks)) frames.push(f);
    expect(merged(frames)).toEqual(expected);
  });
});

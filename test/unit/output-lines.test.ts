import { describe, expect, it } from 'vitest';
import { characterBoundary, LineSplitter, type LineStream } from '../../src/render/output/lines.js';

type Line = [LineStream, string, number];

function split(parts: [LineStream, Buffer][], maxLineBytes = 100): Line[] {
  const lines: Line[] = [];
  const sink = (stream: LineStream, text: string, cut: number): void => {
    lines.push([stream, text, cut]);
  };
  const splitter = new LineSplitter({ maxLineBytes });
  for (const [stream, data] of parts) splitter.push(stream, data, sink);
  splitter.end(sink);
  return lines;
}

/** The same bytes of one stream in chunks of `size` (1 = byte by byte). */
function chunked(stream: LineStream, data: Buffer, size: number): [LineStream, Buffer][] {
  const parts: [LineStream, Buffer][] = [];
  for (let offset = 0; offset < data.length; offset += size) {
    parts.push([stream, data.subarray(offset, offset + size)]);
  }
  return parts;
}

const text = Buffer.from('plain\ncafé ☕ 𝄞 done\r\n\nlast without newline', 'utf8');
const expected: Line[] = [
  ['stdout', 'plain', 0],
  ['stdout', 'café ☕ 𝄞 done', 0],
  ['stdout', '', 0],
  ['stdout', 'last without newline', 0],
];

describe('LineSplitter', () => {
  it('splits lines, drops the \\r of \\r\\n and keeps an unfinished last line', () => {
    expect(split([['stdout', text]])).toEqual(expected);
  });

  it('gives the same lines fed byte by byte: multi-byte characters split across chunks are whole', () => {
    expect(split(chunked('stdout', text, 1))).toEqual(expected);
  });

  it('gives the same lines for random splits', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const parts: [LineStream, Buffer][] = [];
      let offset = 0;
      while (offset < text.length) {
        const size = 1 + Math.floor(random() * 9);
        parts.push(['stdout', text.subarray(offset, offset + size)]);
        offset += size;
      }
      expect(split(parts)).toEqual(expected);
    }
  });

  it('keeps a half line per stream: a stderr line in between does not end a stdout line', () => {
    const lines = split([
      ['stdout', Buffer.from('out sta')],
      ['stderr', Buffer.from('err line\n')],
      ['stdout', Buffer.from('rts here\n')],
    ]);
    expect(lines).toEqual([
      ['stderr', 'err line', 0],
      ['stdout', 'out starts here', 0],
    ]);
  });

  it('replaces invalid UTF-8 with U+FFFD, also when its bytes straddle chunks', () => {
    const bad = Buffer.from([0x61, 0xff, 0x62, 0xc3, 0x0a, 0xe2, 0x82, 0x0a]);
    const whole = split([['stdout', bad]]);
    expect(whole).toEqual([
      ['stdout', 'a\uFFFDb\uFFFD', 0],
      ['stdout', '\uFFFD', 0],
    ]);
    expect(split(chunked('stdout', bad, 1))).toEqual(whole);
  });

  it('cuts a long line at a character boundary and counts the bytes left out', () => {
    const line = Buffer.from(`${'é'.repeat(10)}xyz\n`); // 20 bytes of é, then 3
    const lines = split([['stdout', line]], 9);
    expect(lines).toEqual([['stdout', 'éééé', 23 - 8]]);
    expect(split(chunked('stdout', line, 1), 9)).toEqual(lines);
    expect(split(chunked('stdout', line, 4), 9)).toEqual(lines);
  });

  it('holds at most maxLineBytes of a line that never ends', () => {
    const splitter = new LineSplitter({ maxLineBytes: 1000 });
    const lines: Line[] = [];
    const chunk = Buffer.alloc(64 * 1024, 'x');
    for (let i = 0; i < 200; i++) splitter.push('stdout', chunk, () => undefined);
    splitter.end((stream, value, cut) => lines.push([stream, value, cut]));
    expect(lines).toEqual([['stdout', 'x'.repeat(1000), 200 * 64 * 1024 - 1000]]);
  });

  it('drops the \\r of a cut line without counting it as text', () => {
    const line = Buffer.from(`${'a'.repeat(20)}\r\n`);
    expect(split(chunked('stdout', line, 3), 10)).toEqual([['stdout', 'a'.repeat(10), 10]]);
    expect(split([['stdout', line]], 10)).toEqual([['stdout', 'a'.repeat(10), 10]]);
  });
});

describe('characterBoundary', () => {
  const euro = Buffer.from('a€', 'utf8'); // 61 e2 82 ac
  it('backs off to the start of a character the cut would split', () => {
    expect(characterBoundary(euro, 0, 4)).toBe(4);
    expect(characterBoundary(euro, 0, 3)).toBe(1);
    expect(characterBoundary(euro, 0, 2)).toBe(1);
    expect(characterBoundary(euro, 0, 1)).toBe(1);
  });
});

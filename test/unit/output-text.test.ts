import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/render/output/clean.js';
import { ContextGrep, GAP, type Gap } from '../../src/render/output/grep.js';
import { compilePattern } from '../../src/render/output/pattern.js';
import { NewestRing } from '../../src/render/output/ring.js';

describe('plainText', () => {
  it.each([
    ['colours (SGR)', '\x1b[1;31mERROR\x1b[0m disk full', 'ERROR disk full'],
    ['256 and true colour', '\x1b[38;5;208morange\x1b[38;2;1;2;3m rgb\x1b[m', 'orange rgb'],
    ['cursor moves and erase', '\x1b[2K\x1b[1Gdone\x1b[?25h', 'done'],
    ['a window title (OSC, BEL)', '\x1b]0;my title\x07prompt$', 'prompt$'],
    ['a hyperlink (OSC 8, ST)', '\x1b]8;;http://x.test\x1b\\link\x1b]8;;\x1b\\ text', 'link text'],
    ['charset and keypad escapes', '\x1b(Bplain\x1b=\x1b7', 'plain'],
    ['C1 CSI', '\x9b31mred\x9b0m', 'red'],
    ['control characters but tabs', 'a\x00b\x07c\x08d\te', 'abcd\te'],
    ['a lone ESC at the end', 'text\x1b', 'text'],
  ])('removes %s', (_, input, output) => {
    expect(plainText(input)).toBe(output);
  });

  it('overwrites on carriage return, as a terminal shows it', () => {
    expect(plainText('10%\r55%\r100%')).toBe('100%');
    expect(plainText('downloading 12345\rdone')).toBe('doneloading 12345');
    expect(plainText('\x1b[32m 50%\x1b[0m\r\x1b[32m100%\x1b[0m')).toBe('100%');
    expect(plainText('trailing\r')).toBe('trailing');
  });

  it('returns plain text untouched (the same string)', () => {
    const line = 'GET /api/items 200 12ms — ünïcode ok';
    expect(plainText(line)).toBe(line);
  });
});

describe('ContextGrep', () => {
  function grep(lines: string[], pattern: RegExp, before: number, after = before): string[] {
    const out: string[] = [];
    const g = new ContextGrep<string>({ pattern, before, after, text: (line) => line });
    for (const line of lines) {
      g.push(line, (entry) =>
        out.push('gap' in entry ? '--' : `${entry.match ? '>' : ' '}${entry.item}`),
      );
    }
    return out;
  }
  const lines = ['a', 'b', 'ERR 1', 'c', 'd', 'e', 'f', 'ERR 2', 'g', 'ERR 3', 'h', 'i'];

  it('prints matches only, without context', () => {
    expect(grep(lines, /ERR/, 0)).toEqual(['>ERR 1', '--', '>ERR 2', '--', '>ERR 3']);
  });

  it('prints context like grep -C, once per line, with -- between groups', () => {
    expect(grep(lines, /ERR/, 1)).toEqual([
      ' b',
      '>ERR 1',
      ' c',
      '--',
      ' f',
      '>ERR 2',
      ' g',
      '>ERR 3',
      ' h',
    ]);
  });

  it('merges groups whose context touches', () => {
    expect(grep(lines, /ERR/, 2)).toEqual([
      ' a',
      ' b',
      '>ERR 1',
      ' c',
      ' d',
      ' e',
      ' f',
      '>ERR 2',
      ' g',
      '>ERR 3',
      ' h',
      ' i',
    ]);
  });

  it('counts matches', () => {
    const g = new ContextGrep<string>({ pattern: /x/i, before: 0, after: 0, text: (s) => s });
    for (const line of ['X', 'y', 'xx']) g.push(line, () => undefined);
    expect(g.matched).toBe(2);
  });
});

describe('compilePattern (RE2 semantics)', () => {
  it('answers a pattern that backtracks exponentially in JavaScript', () => {
    // As a JavaScript RegExp this would not finish in the lifetime of the test run.
    const pattern = compilePattern('^(a+)+$');
    if ('error' in pattern) throw new Error(pattern.error);
    expect(pattern.test(`${'a'.repeat(5000)}!`)).toBe(false);
    expect(pattern.test('a'.repeat(5000))).toBe(true);
  });

  it('matches case-insensitively when asked, and with (?i)', () => {
    const asked = compilePattern('error', { ignoreCase: true });
    const inline = compilePattern('(?i)error');
    for (const pattern of [asked, inline]) {
      if ('error' in pattern) throw new Error(pattern.error);
      expect(pattern.test('An ERROR here')).toBe(true);
    }
  });

  it('refuses what RE2 cannot do, saying what', () => {
    expect(compilePattern('(a)\\1')).toEqual({ error: expect.stringMatching(/escape/) });
    expect(compilePattern('(?=a)')).toEqual({ error: expect.stringMatching(/\(\?=/) });
  });
});

describe('NewestRing', () => {
  it('keeps the newest items within the count cap, oldest first, counting the rest', () => {
    const dropped: number[] = [];
    const ring = new NewestRing<number>({
      maxItems: 3,
      maxBytes: 1000,
      sizeOf: () => 1,
      onDrop: (n) => dropped.push(n),
    });
    for (let i = 1; i <= 10; i++) ring.push(i);
    expect(ring.items()).toEqual([8, 9, 10]);
    expect(ring.dropped).toBe(7);
    expect(dropped).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ring.limit).toBe('lines');
  });

  it('keeps the newest items within the byte budget', () => {
    const ring = new NewestRing<string>({ maxItems: 100, maxBytes: 10, sizeOf: (s) => s.length });
    for (const word of ['aaaa', 'bbb', 'cc', 'dddd', 'e']) ring.push(word);
    expect(ring.items()).toEqual(['bbb', 'cc', 'dddd', 'e']);
    expect(ring.byteSize).toBe(10);
    expect(ring.limit).toBe('bytes');
  });

  it('keeps the newest item even when it alone is over budget', () => {
    const ring = new NewestRing<string>({ maxItems: 5, maxBytes: 3, sizeOf: (s) => s.length });
    ring.push('ab');
    ring.push('too long');
    expect(ring.items()).toEqual(['too long']);
    expect(ring.dropped).toBe(1);
  });

  it('does not count separators against maxItems, though they cost bytes', () => {
    const ring = new NewestRing<Gap | string>({
      maxItems: 2,
      maxBytes: 100,
      sizeOf: (s) => (typeof s === 'string' ? s.length : 3),
      counts: (s) => s !== GAP,
    });
    for (const item of ['a', GAP, 'b', GAP, 'c']) ring.push(item);
    expect(ring.items()).toEqual([GAP, 'b', GAP, 'c']);
    expect(ring.size).toBe(2);
    expect(ring.dropped).toBe(1);
  });

  it('stays within its caps over a long stream (memory stays flat)', () => {
    const ring = new NewestRing<Gap | string>({
      maxItems: 50,
      maxBytes: 200,
      sizeOf: (s) => (s === GAP ? 3 : 10),
    });
    for (let i = 0; i < 100_000; i++) ring.push(i % 7 === 0 ? GAP : `line ${i}`);
    expect(ring.size).toBeLessThanOrEqual(50);
    expect(ring.byteSize).toBeLessThanOrEqual(200);
    expect(ring.items().at(-1)).toBe('line 99999');
  });
});

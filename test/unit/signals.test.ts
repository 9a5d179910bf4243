import { describe, expect, it } from 'vitest';
import { parseSignal, signalInput, signalNumber } from '../../src/containers/signals.js';
import { editDistance } from '../../src/render/suggest.js';

describe('parseSignal', () => {
  it.each([
    ['SIGTERM', 'SIGTERM'],
    ['TERM', 'SIGTERM'],
    ['sigint', 'SIGINT'],
    [' hup ', 'SIGHUP'],
    ['15', 'SIGTERM'],
    [9, 'SIGKILL'],
    ['SIGRTMIN+3', 'SIGRTMIN+3'],
    ['rtmax-2', 'SIGRTMAX-2'],
    [34, 'SIGRTMIN'],
    [64, 'SIGRTMAX'],
    ['SIGIOT', 'SIGIOT'],
  ] as const)('%j is %s', (raw, signal) => expect(parseSignal(raw)).toEqual({ signal }));

  it.each([
    [0, /signal number 0 is out of range: use 1-64/],
    ['65', /out of range/],
    ['SIGTREM', /unknown signal "SIGTREM" \(did you mean "SIGTERM"\?\)/],
    ['KIL', /did you mean "SIGKILL"/],
    ['-1', /unknown signal "-1"/],
    ['', /unknown signal ""/],
  ] as const)('refuses %j', (raw, message) => {
    const parsed = parseSignal(raw);
    expect('error' in parsed && parsed.error).toMatch(message);
  });

  it('numbers signals for messages', () => {
    expect(signalNumber('SIGUSR1')).toBe(10);
    expect(signalNumber('SIGRTMIN+1')).toBe(35);
    expect(signalNumber('40')).toBe(40);
  });

  it('works as a schema that normalizes', () => {
    const schema = signalInput('s');
    expect(schema.parse('usr2')).toBe('SIGUSR2');
    expect(schema.safeParse('nope').success).toBe(false);
    expect(schema.safeParse(1.5).success).toBe(false);
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('sigtrem', 'sigterm')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
  });
});

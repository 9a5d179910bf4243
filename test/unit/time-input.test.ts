import { describe, expect, it } from 'vitest';
import {
  formatRfc3339,
  formatUnixSeconds,
  parseRfc3339,
  parseUnixSeconds,
} from '../../src/engine/timestamps.js';
import { instantInput, parseDuration, parseInstant } from '../../src/containers/time-input.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const engineForm = (value: number | string): string => {
  const parsed = parseInstant(value, NOW);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.engine;
};

describe('parseDuration', () => {
  it.each([
    ['10m', 600e9],
    ['1h30m', 5400e9],
    ['1.5h', 5400e9],
    ['90s', 90e9],
    ['250ms', 250e6],
    ['2d', 172_800e9],
    ['1h0m5s', 3605e9],
  ])('%s', (text, nanos) => {
    expect(parseDuration(text)).toBe(BigInt(nanos));
  });

  it.each(['', '10', 'm', '10 m', '-5m', '1y', '5m ago'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('parseInstant', () => {
  it('converts a duration to the time that long before now', () => {
    expect(engineForm('10m')).toBe(`${NOW / 1000 - 600}.000000000`);
    expect(engineForm('1h30m')).toBe(`${NOW / 1000 - 5400}.000000000`);
  });

  it('keeps RFC 3339 dates to the nanosecond, any zone', () => {
    expect(engineForm('2026-11-26T21:20:25.184265560Z')).toBe('1795728025.184265560');
    expect(engineForm('2026-11-26T23:20:25.5+02:00')).toBe('1795728025.500000000');
    expect(engineForm('2026-11-26 21:20:25z')).toBe('1795728025.000000000');
    expect(engineForm('2026-11-26')).toBe('1795651200.000000000');
  });

  it('takes Unix seconds as a number or a string', () => {
    expect(engineForm(1795728025)).toBe('1795728025.000000000');
    expect(engineForm(1795728025.5)).toBe('1795728025.500000000');
    expect(engineForm('1795728025.184265560')).toBe('1795728025.184265560');
    expect(engineForm('0')).toBe('0.000000000');
  });

  it('explains what it takes, and asks for a zone when one is missing', () => {
    expect(parseInstant('yesterday', NOW)).toEqual({
      error: expect.stringMatching(
        /^must be Unix seconds .* a duration before now .*; got "yesterday"$/,
      ) as unknown,
    });
    expect(parseInstant('2026-11-26T21:20:25', NOW)).toEqual({
      error: expect.stringMatching(/add a time zone: Z or \+02:00/) as unknown,
    });
    expect(parseInstant('2026-13-45T00:00:00Z', NOW)).toHaveProperty('error');
    expect(parseInstant('1000000h', NOW)).toEqual({ error: '"1000000h" reaches back before 1970' });
  });

  it('gives a zod input that converts at validation and names the forms on failure', () => {
    const schema = instantInput('Only lines since');
    expect(schema.parse('2026-11-26T21:20:25Z')).toMatchObject({ engine: '1795728025.000000000' });
    expect(schema.parse(undefined)).toBeUndefined();
    const failed = schema.safeParse('soon');
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.message).toMatch(/^must be Unix seconds/);
  });
});

describe('engine timestamps', () => {
  it('round-trips nanoseconds exactly, beyond what a double holds', () => {
    const nanos = parseRfc3339('2026-11-26T21:20:25.184265561Z');
    expect(nanos).toBe(1795728025184265561n);
    expect(formatUnixSeconds((nanos ?? 0n) + 1n)).toBe('1795728025.184265562');
    expect(formatRfc3339(nanos ?? 0n)).toBe('2026-11-26T21:20:25.184265561Z');
    expect(parseUnixSeconds('1795728025.5')).toBe(1795728025500000000n);
    expect(parseRfc3339('not a time')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { pruneFilters } from '../../src/tools/lifecycle/prune-filters.js';
import { untilCutoff } from '../../src/containers/prune-filters.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');

describe('untilCutoff', () => {
  it.each([
    ['10m', NOW - 600_000],
    ['1h30m', NOW - 5_400_000],
    ['1.5h', NOW - 5_400_000],
    ['250ms', NOW - 250],
    ['1767225600', 1_767_225_600_000],
    ['1767225600.5', 1_767_225_600_500],
    ['2026-01-31', Date.parse('2026-01-31')],
    ['2026-01-31T12:00:00Z', Date.parse('2026-01-31T12:00:00Z')],
    ['2026-01-31T12:00:00+02:00', Date.parse('2026-01-31T10:00:00Z')],
  ])('%s', (value, expected) => expect(untilCutoff(value, NOW)).toBe(expected));

  it.each(['yesterday', '10 m', '-5m', '2026-13-45', '', '1d'])('refuses %j', (value) =>
    expect(untilCutoff(value, NOW)).toBeUndefined(),
  );
});

describe('prune filters', () => {
  it('takes one until, labels and excluded labels, as an object or JSON', () => {
    expect(pruneFilters.parse({ until: '24h', label: 'a=b', 'label!': ['keep'] })).toEqual({
      until: '24h',
      label: 'a=b',
      'label!': ['keep'],
    });
    expect(pruneFilters.parse('{"until": ["24h"]}')).toEqual({ until: ['24h'] });
    expect(pruneFilters.safeParse({ until: ['1h', '2h'] }).success).toBe(false);
    expect(pruneFilters.safeParse({ status: ['exited'] }).success).toBe(false);
  });
});

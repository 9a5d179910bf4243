/**
 * The byte budget that bounds borrowed text in container_diagnose: its cost is an upper bound
 * on the tokens of both forms (text, and JSON-escaped in structured content), cuts fall on
 * whole characters, and a spent pool gives nothing more.
 */
import { describe, expect, it } from 'vitest';
import { ByteBudget, costOf } from '../../src/render/byte-budget.js';
import { countTokens } from '../helpers/token-budget.js';

const HARD = [
  'plain words in a log line',
  '界界界界界界界界 世界 日本語のログ',
  '}{)(][;:'.repeat(10),
  '"\\"\\\\"'.repeat(10),
  '🙂🚀👍🏽'.repeat(5),
  'a1b2c3d4e5f6'.repeat(8),
  '\t\tindented\ttabs',
];

describe('ByteBudget', () => {
  it.each(HARD)('costs at least the tokens of either form: %s', (text) => {
    expect(countTokens(text)).toBeLessThanOrEqual(costOf(text));
    expect(countTokens(JSON.stringify(text))).toBeLessThanOrEqual(costOf(text) + 2);
  });

  it('cuts on whole characters, marks the cut, and never spends past the pool', () => {
    const pool = new ByteBudget(40);
    const cut = pool.take('界'.repeat(30));
    expect(cut).toBe(`${'界'.repeat(12)}…`);
    expect(40 - pool.remaining).toBe(costOf(cut!));
    expect(pool.take('anything')).toBeUndefined(); // 1 byte left: not worth a cut mark
  });

  it('charges escaped text at its escaped length', () => {
    const pool = new ByteBudget(100);
    expect(pool.take('"quoted"', 10)).toBe('"quoted"'); // 10 escaped: it fits
    expect(pool.take('"quoted"', 9)).toBe('"quot…');
    expect(costOf('a"b')).toBe(4);
  });
});

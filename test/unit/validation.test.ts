import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatInputError, prototypeKeys } from '../../src/mcp/validation.js';
import { filtersInput, filterValues, toEngineFilters } from '../../src/containers/inputs.js';
import { nearest } from '../../src/render/suggest.js';

const schema = z.strictObject({
  all: z.boolean().optional(),
  limit: z.number().int().min(1).optional(),
  mode: z.enum(['fast', 'slow']).optional(),
  body: z
    .strictObject({
      Image: z.string(),
      HostConfig: z
        .strictObject({ Memory: z.number().optional(), NanoCpus: z.number().optional() })
        .optional(),
      Env: z.array(z.string()).optional(),
    })
    .optional(),
  filters: filtersInput(
    z.strictObject({
      status: filterValues(z.enum(['running', 'exited']), 's'),
      label: filterValues(z.string(), 'l'),
    }),
    'f',
  ),
});

function errorFor(input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return formatInputError('demo_tool', result.error, schema);
}

describe('formatInputError', () => {
  it('names an unknown top-level field and suggests the nearest', () => {
    expect(errorFor({ alll: true })).toContain('- alll: unknown field (did you mean "all"?)');
  });

  it('names a nested unknown field by its full path', () => {
    const text = errorFor({ body: { Image: 'x', HostConfig: { Memroy: 10 } } });
    expect(text).toContain(
      '- body.HostConfig.Memroy: unknown field (did you mean "Memory"?); valid fields here: Memory, NanoCpus',
    );
  });

  it('says which field is missing and its type', () => {
    expect(errorFor({ body: {} })).toContain('- body.Image: required (string)');
  });

  it('lists the valid options of an enum', () => {
    expect(errorFor({ mode: 'medium' })).toContain('- mode: must be one of "fast", "slow"');
  });

  it('points into arrays', () => {
    expect(errorFor({ body: { Image: 'x', Env: ['A=1', 2] } })).toContain(
      '- body.Env[1]: expected string, received number',
    );
  });

  it('picks the union branch the value was meant for', () => {
    expect(errorFor({ filters: { status: 'exitd' } })).toContain(
      '- filters.status: must be one of "running", "exited"',
    );
    expect(errorFor({ filters: { stauts: ['exited'] } })).toContain(
      '- filters.stauts: unknown field (did you mean "status"?)',
    );
    expect(errorFor({ filters: 12 })).toContain(
      '- filters: expected object or string, received number',
    );
  });

  it('validates the JSON string form of filters like the object form', () => {
    expect(errorFor({ filters: '{"stauts": ["exited"]}' })).toMatch(
      /filters: \(as JSON\) stauts: unknown field \(did you mean "status"\?\)/,
    );
    expect(schema.parse({ filters: '{"status": "exited"}' }).filters).toEqual({ status: 'exited' });
  });

  it('starts with the tool name and ends with what to do', () => {
    const text = errorFor({ limit: 0 });
    expect(text.split('\n')[0]).toBe('Invalid arguments for demo_tool:');
    expect(text).toContain('- limit: Too small: expected number to be >=1');
    expect(text.split('\n').at(-1)).toMatch(/^Fix these fields and call again/);
  });
});

describe('toEngineFilters', () => {
  it('makes every value a list and drops empty filters', () => {
    expect(toEngineFilters({ status: 'exited', label: ['a=b', 'c'] })).toEqual({
      status: ['exited'],
      label: ['a=b', 'c'],
    });
    expect(toEngineFilters({})).toBeUndefined();
    expect(toEngineFilters(undefined)).toBeUndefined();
  });
});

describe('nearest', () => {
  it('finds close words case-insensitively and ignores distant ones', () => {
    expect(nearest('memroy', ['Memory', 'MemorySwap', 'CpuShares'])).toBe('Memory');
    expect(nearest('xyz', ['Memory', 'CpuShares'])).toBeUndefined();
  });
});

describe('answers on any input, bounded', () => {
  const tail = z.strictObject({ tail: z.union([z.number().int(), z.literal('all')]).optional() });

  it('says every form a union takes, and what was given', () => {
    const result = tail.safeParse({ tail: '10' });
    if (result.success) throw new Error('expected a failure');
    expect(formatInputError('t', result.error, tail, { tail: '10' })).toContain(
      '- tail: must be "all" or a number; got "10"',
    );
    expect(errorFor({ filters: { status: 'exitd' } })).toContain(
      '- filters.status: must be one of "running", "exited", or an array',
    );
  });

  it('cuts a huge unknown key and lists at most 10 unknown fields and 20 problems', () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const text = errorFor({ [`${'x'.repeat(100_000)}`]: 1, ...many });
    expect(text.length).toBeLessThan(2_000);
    expect(text).toContain(`- ${'x'.repeat(79)}…: unknown field`);
    expect(text).toContain('… and 41 more unknown fields');
  });

  it('suggests nothing for a long word, at no cost', () => {
    expect(nearest(`Memory${'y'.repeat(1_000_000)}`, ['Memory'])).toBeUndefined();
  });

  it('finds "__proto__" keys at any depth', () => {
    const args = JSON.parse('{"a": {"__proto__": {"x": 1}}, "b": [{"__proto__": 1}]}') as unknown;
    expect(prototypeKeys(args)).toEqual([
      "a.__proto__: not allowed (a key JavaScript reads as an object's prototype)",
      "b[0].__proto__: not allowed (a key JavaScript reads as an object's prototype)",
    ]);
    expect(prototypeKeys({ a: { b: 1 } })).toEqual([]);
  });
});

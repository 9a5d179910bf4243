/**
 * Bounded work on any input: every string a tool takes has a maxLength in its JSON Schema
 * (or is one of a fixed set of values), so a model is told the bound and a huge string is
 * refused by the validator before any code runs on it. Walks every tool's input schema as
 * tools/list shows it, with every argument the server can add (confirm, engine).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { withEngineArgument } from '../../src/mcp/engine-argument.js';
import { describeTool } from '../../src/mcp/listing.js';
import { withConfirmation } from '../../src/safety/confirm/tools.js';
import { TOOLS } from '../../src/tools/index.js';

const config: Config = {
  ...DEFAULT_CONFIG,
  engines: [
    { name: 'a', address: 'unix:///a.sock' },
    { name: 'b', address: 'unix:///b.sock' },
  ],
  confirm: { ...DEFAULT_CONFIG.confirm, mode: { kind: 'write' } },
};
const listed = withEngineArgument(withConfirmation(TOOLS, config), config).map(describeTool);

/** Paths of string schemas with no maxLength (an enum or a const is bounded already). */
function unboundedStrings(node: unknown, path = '$'): string[] {
  if (Array.isArray(node))
    return node.flatMap((item, i) => unboundedStrings(item, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  const schema = node as Record<string, unknown>;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const bounded =
    typeof schema.maxLength === 'number' || schema.enum !== undefined || schema.const !== undefined;
  const own = types.includes('string') && !bounded ? [path] : [];
  return [
    ...own,
    ...Object.entries(schema).flatMap(([key, value]) =>
      key === 'enum' || key === 'const' || key === 'default' || key === 'examples'
        ? []
        : unboundedStrings(value, `${path}.${key}`),
    ),
  ];
}

describe('input schemas', () => {
  it.each(listed.map((tool) => [tool.name, tool] as const))(
    '%s bounds every string it takes',
    (_name, tool) => {
      expect(unboundedStrings(tool.inputSchema)).toEqual([]);
    },
  );

  it('finds an unbounded string where there is one (the check itself)', () => {
    expect(
      unboundedStrings({
        type: 'object',
        properties: {
          a: { type: 'string', maxLength: 5 },
          b: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
          c: { type: 'string', enum: ['x'] },
        },
      }),
    ).toEqual(['$.properties.b.items.anyOf[0]']);
  });
});

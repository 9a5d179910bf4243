/**
 * The tool surface costs less as it grows: all tools' definitions (name, description, input
 * schema, default flags) within 10,000 cl100k tokens, none over 1,500. container_create's
 * body is shown briefly (the common fields, the rest an open remainder) while the server still
 * checks every field: the brief must not loosen validation.
 */
import { describe, expect, it } from 'vitest';
import { describeTool } from '../../src/mcp/listing.js';
import { formatInputError } from '../../src/mcp/validation.js';
import { containerCreate } from '../../src/tools/settings/create.js';
import {
  ALL_TOOLS_BUDGET,
  definitionTokens,
  ONE_TOOL_BUDGET,
} from '../helpers/tool-definitions.js';

describe('tool definitions', () => {
  const costs = definitionTokens();

  it(`cost at most ${ALL_TOOLS_BUDGET} tokens in all`, () => {
    const total = costs.reduce((sum, { tokens }) => sum + tokens, 0);
    expect(costs.length).toBeGreaterThanOrEqual(33);
    expect(total).toBeLessThanOrEqual(ALL_TOOLS_BUDGET);
  });

  it.each(costs.map(({ name, tokens }) => [name, tokens] as const))(
    `%s costs at most ${ONE_TOOL_BUDGET} tokens`,
    (_name, tokens) => expect(tokens).toBeLessThanOrEqual(ONE_TOOL_BUDGET),
  );
});

describe("container_create's brief body", () => {
  const body = describeTool(containerCreate).inputSchema.properties?.body as {
    properties: Record<string, unknown>;
    additionalProperties: unknown;
  };

  it('shows the common fields and takes the rest as an open remainder', () => {
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(['Image', 'Cmd', 'Env', 'HostConfig']),
    );
    expect(body.properties).not.toHaveProperty('Healthcheck');
    expect(body.additionalProperties).toEqual({});
  });

  it('is checked as strictly as before: fields the brief leaves out, misspellings, shapes', () => {
    const parse = (value: unknown) => containerCreate.input.safeParse({ body: value });
    expect(parse({ Image: 'x', Healthcheck: { Test: ['NONE'] }, StopSignal: 'TERM' }).success).toBe(
      true,
    );
    const misspelt = parse({ Image: 'x', Hostnme: 'web' });
    expect(misspelt.success).toBe(false);
    if (!misspelt.success)
      expect(formatInputError('container_create', misspelt.error, containerCreate.input)).toContain(
        'Hostname',
      );
    expect(parse({ Image: 'x', Healthcheck: { Interval: 5 } }).success).toBe(false);
    expect(parse({ Image: 'x', HostConfig: { Privilegd: true } }).success).toBe(false);
    expect(
      parse({ Image: 'x', HostConfig: { Mounts: [{ Type: 'bind', Target: '/a', Bogus: 1 }] } })
        .success,
    ).toBe(false);
  });
});

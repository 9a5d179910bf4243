/**
 * tools/list: each tool's entry (name, title, description, JSON Schemas, annotations),
 * computed once per tool object. Our own validation (field, fix, nearest name) answers
 * tools/call (./call.ts), so the listed schemas are what a client shows and checks.
 */
import type { Tool as ListedTool } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Tool } from './define.js';
import { briefOf } from './brief.js';
import { precomputedSchema } from './precomputed-schemas.js';
import { mergeTypeUnions } from './type-unions.js';

const schemaCache = new WeakMap<Tool, ListedTool>();

/** The tools/list entry: name, title, description, JSON Schemas and annotations. */
export function describeTool(tool: Tool): ListedTool {
  const cached = schemaCache.get(tool);
  if (cached) return cached;
  const listed: ListedTool = {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(tool.input, 'input') as ListedTool['inputSchema'],
    ...(tool.output && {
      outputSchema: objectRoot(jsonSchema(tool.output, 'output')),
    }),
    annotations: tool.annotations,
  };
  schemaCache.set(tool, listed);
  return listed;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return precomputedSchema(schema) ?? convertSchema(schema, io);
}

/** The zod schema as the JSON Schema tools/list shows (also what the bundle precomputes). */
export function convertSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // $schema is left out: MCP assumes draft 2020-12, and it costs tokens in every listing.
  // The schemas use nothing that draft-07 reads otherwise (no tuples, no boolean schemas
  // but additionalProperties: false), since some clients validate with a draft-07 validator.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    // An input shown briefly (./brief.ts): the brief's schema in place of the strict one's.
    ...(io === 'input' && { override: showBrief }),
  }) as Record<string, unknown>;
  const clean = withoutNoise(rest);
  return (io === 'input' ? mergeTypeUnions(clean) : clean) as Record<string, unknown>;
}

function showBrief(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const brief = briefOf(ctx.zodSchema as object);
  if (brief === undefined) return;
  for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
  const { $schema: _ignored, ...shown } = z.toJSONSchema(brief, {
    io: 'input',
    unrepresentable: 'any',
    override: showBrief,
  }) as Record<string, unknown>;
  Object.assign(ctx.jsonSchema, shown);
}

/**
 * MCP wants `type: "object"` at the root of an output schema; a union of objects (a tool's
 * own output or the confirmation answer) is one, so say it.
 */
function objectRoot(schema: Record<string, unknown>): Record<string, unknown> {
  return schema.type === undefined ? { type: 'object', ...schema } : schema;
}

/**
 * Drop what says nothing but costs tokens in every listing: zod's safe-integer bounds on
 * every integer, a `default` that the description already gives, and `propertyNames: {type:
 * "string"}` (JSON keys are always strings).
 */
function withoutNoise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNoise);
  if (typeof node !== 'object' || node === null) return node;
  const result: Record<string, unknown> = {};
  const description = (node as { description?: unknown }).description;
  const saysDefault = typeof description === 'string' && /default/i.test(description);
  for (const [key, value] of Object.entries(node)) {
    // The description already tells the default in words.
    if (key === 'default' && saysDefault) continue;
    if (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) continue;
    if (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) continue;
    if (key === 'propertyNames' && isPlainString(value)) continue;
    result[key] = withoutNoise(value);
  }
  return result;
}

function isPlainString(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    (value as { type?: unknown }).type === 'string'
  );
}

/**
 * The tools' JSON Schemas as computed at build time (scripts/bundle.ts embeds them in
 * dist/cli.js). Converting the zod schemas at start-up is a tenth of a cold start, most of it
 * container_create's body; the bundle knows the answer already, for each tool as it is and
 * as a confirmation widens it. A tool whose schema was changed otherwise at run time (a new
 * zod object: a policy's narrowing, the engine argument) is not found here and is converted
 * as before.
 */
import type { Tool } from './define.js';

export interface ToolSchemas {
  input: Record<string, unknown>;
  output?: Record<string, unknown>;
}

// Replaced by the bundler with a JSON string; undefined when running from src/ or tsc's output.
declare const __CONTAINER_MCP_TOOL_SCHEMAS__: string | undefined;

let bySchema: WeakMap<object, Record<string, unknown>> | undefined;
let byName: Record<string, ToolSchemas> = {};

/** The key suffix of a tool's schemas as the confirmation layer widens them. */
export const CONFIRM_VARIANT = '+confirm';

export function precomputedSchema(schema: object): Record<string, unknown> | undefined {
  return bySchema?.get(schema);
}

/** Match the embedded schemas to the tool table they were computed from (once per process). */
export function usePrecomputedSchemas(tools: readonly Tool[]): void {
  bySchema ??= load(tools);
}

/**
 * `widened` is `base` with a variant's change (CONFIRM_VARIANT): its schemas are the ones
 * computed for that variant, when `base` is the very tool they were computed from (not one
 * a policy changed first).
 */
export function useVariant(base: Tool, widened: Tool, variant: string): void {
  const schemas = byName[`${base.name}${variant}`];
  if (!schemas || !bySchema?.has(base.input)) return;
  if (base.output && !bySchema.has(base.output)) return;
  bySchema.set(widened.input, schemas.input);
  if (widened.output && schemas.output) bySchema.set(widened.output, schemas.output);
}

function load(tools: readonly Tool[]): WeakMap<object, Record<string, unknown>> {
  const map = new WeakMap<object, Record<string, unknown>>();
  if (typeof __CONTAINER_MCP_TOOL_SCHEMAS__ !== 'string') return map;
  byName = JSON.parse(__CONTAINER_MCP_TOOL_SCHEMAS__) as Record<string, ToolSchemas>;
  for (const tool of tools) {
    const schemas = byName[tool.name];
    if (!schemas) continue;
    map.set(tool.input, schemas.input);
    if (tool.output && schemas.output) map.set(tool.output, schemas.output);
  }
  return map;
}

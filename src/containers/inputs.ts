/** Input schema pieces shared by many tools, with descriptions written for a model. */
import { z } from 'zod';
import { normalizeContainerPath, PathError } from '../engine/container-path.js';
import { advertiseAs } from '../mcp/brief.js';
import { describeIssues } from '../mcp/validation.js';

/**
 * Bounds of the strings tools take. Every string in every input schema has one
 * (test/unit/schema-bounds.test.ts): a model sees the limit in the schema, and a huge string
 * is refused by the validator, naming the field, before any code runs on it.
 */
/** Names, ids, modes, drivers, addresses: short words. */
export const NAME_CHARS = 256;
/** A path on the host or in a container (Linux's PATH_MAX). */
export const PATH_CHARS = 4096;
/** One argument, environment entry, label or option value (Linux's MAX_ARG_STRLEN). */
export const VALUE_CHARS = 131_072;

/** A container reference as the engine resolves it: name, full id or unique id prefix. */
export const containerId = advertiseAs(
  z
    .string()
    .min(1)
    .max(NAME_CHARS)
    .regex(
      /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
      'must be a container name, full id or unique id prefix (letters, digits, _ . -), e.g. "web" or "4f3a2b"',
    )
    .describe('Container name, full id or unique id prefix, as shown by container_list'),
  // Every tool that takes a container shows this: the characters are checked on the server.
  z.string().max(NAME_CHARS).describe('Container name or id'),
);

/**
 * A name for a new or renamed container, checked as the engine checks it
 * (`/?[a-zA-Z0-9][a-zA-Z0-9_.-]+`); the optional leading slash is dropped.
 */
export const newContainerName = advertiseAs(
  z
    .string()
    .max(NAME_CHARS)
    .regex(
      /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/,
      'must be at least 2 characters: a letter or digit, then letters, digits, "_", "." or "-" (no spaces or slashes), e.g. "web-1"',
    )
    .transform((name) => name.replace(/^\//, '')),
  z.string().max(NAME_CHARS),
);

/** An image platform, "os[/arch[/variant]]", as create and pull take it. */
export const platformInput = advertiseAs(
  z
    .string()
    .max(NAME_CHARS)
    .regex(
      /^[a-z0-9_-]+(\/[a-zA-Z0-9_-]+(\/[a-zA-Z0-9_.-]+)?)?$/,
      'must be "os[/arch[/variant]]", e.g. "linux/amd64" or "linux/arm64/v8"',
    ),
  z.string().max(NAME_CHARS),
);

/** One filter's value: a name, a label, a port. */
export const filterValue = z.string().max(PATH_CHARS);

/** One filter's values: a single string or a list (the engine wants a list). */
export function filterValues<T extends z.ZodType<string>>(value: T, description: string) {
  return z
    .union([value, z.array(value).min(1)])
    .optional()
    .describe(description);
}

/** Filters given as the JSON string the API takes. */
const filtersJson = z.string().max(VALUE_CHARS);

/**
 * Engine filters as an object ({"status": ["exited"], "label": ["a=b"]}), the form a model
 * writes best, or as the JSON string the API itself takes. Unknown filter names are errors
 * with a suggestion: the engine would answer a bare 400.
 */
export function filtersInput<S extends z.ZodObject>(
  shape: S,
  description: string,
  /** The filters tools/list shows in full; the others are named in `description`. */
  shown?: readonly (keyof S['shape'] & string)[],
) {
  const fromJson = filtersJson.transform((text, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'is a string but not valid JSON; pass an object such as {"status": ["exited"]}',
      });
      return z.NEVER;
    }
    const result = shape.safeParse(parsed);
    if (!result.success) {
      ctx.addIssue({
        code: 'custom',
        message: `(as JSON) ${describeIssues(result.error, shape).join('; ')}`,
      });
      return z.NEVER;
    }
    return result.data;
  });
  const filters = z.union([shape, fromJson]);
  if (shown !== undefined) advertiseAs(filters, briefFilters(shape, shown));
  return filters.optional().describe(description);
}

/**
 * The object form, closed (strict clients take no open object), each filter as a list of its
 * values (the server also takes a single value, and the API's JSON string): the usual filters
 * with their descriptions, the others by name only. A long list of allowed values is shown
 * as strings (the server still refuses any other, naming the nearest).
 */
function briefFilters(shape: z.ZodObject, shown: readonly string[]): z.ZodType {
  const fields = shape.shape as Record<string, z.ZodType>;
  return z.strictObject(
    Object.fromEntries(
      Object.entries(fields).map(([name, field]) => {
        const values = field instanceof z.ZodOptional ? field.unwrap() : field;
        if (!(values instanceof z.ZodUnion)) return [name, field];
        const value = values.options[0] as z.ZodType;
        const long = value instanceof z.ZodEnum && value.options.length > MAX_SHOWN_VALUES;
        const list = z.array(long ? filterValue : value).optional();
        return [name, shown.includes(name) ? list.describe(field.description ?? '') : list];
      }),
    ),
  );
}

/** Allowed values a filter shows in tools/list; beyond, its description gives examples. */
const MAX_SHOWN_VALUES = 8;

/** The engine's filter form: every value a list. */
export function toEngineFilters(
  filters: Record<string, string | string[] | undefined> | undefined,
): Record<string, string[]> | undefined {
  if (filters === undefined) return undefined;
  const result: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    result[key] = Array.isArray(value) ? value : [value];
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

/** An absolute path inside a container, normalised; `..` above the root and NULs refused. */
export const containerPath = z
  .string()
  .max(PATH_CHARS)
  .describe('Absolute path inside the container, e.g. "/etc/nginx/nginx.conf"')
  .transform((raw, ctx) => {
    try {
      return normalizeContainerPath(raw);
    } catch (error) {
      if (!(error instanceof PathError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });

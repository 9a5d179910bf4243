/**
 * Input schemas every client reads the same way. zod writes a union such as "an integer or
 * the string all" as `anyOf`, and clients differ on `anyOf`: LangChain's MCP adapter drops
 * one without an object branch, leaving the field untyped, and strict-mode converters treat
 * it warily. A union whose branches each have their own type, and only keywords that apply
 * to that type, is the same schema written with a list of types, which draft-07, 2020-12 and
 * those clients all read:
 *
 *   {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "const": "all"}]}
 *   -> {"type": ["integer", "string"], "minimum": 0, "pattern": "^(?:all)$"}
 *
 * (`const` and `enum` apply to every type, so on the string branch they become the pattern
 * they mean.) Unions with an object branch stay as they are: converters recurse into
 * `anyOf` objects but not into an object among several types.
 */

/** The keywords that constrain only values of one type (others pass them). */
const OWN_KEYWORDS: Record<string, readonly string[]> = {
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  array: ['items', 'minItems', 'maxItems', 'uniqueItems'],
  boolean: [],
  null: [],
};

type Schema = Record<string, unknown>;

/** The schema with every such `anyOf`, at any depth, written as a list of types. */
export function mergeTypeUnions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(mergeTypeUnions);
  if (typeof node !== 'object' || node === null) return node;
  const result: Schema = {};
  for (const [key, value] of Object.entries(node)) result[key] = mergeTypeUnions(value);
  const branches = result.anyOf;
  if (!Array.isArray(branches)) return result;
  const merged = mergeBranches(branches);
  if (!merged) return result;
  const { anyOf: _anyOf, ...rest } = result;
  return { ...rest, ...merged };
}

function mergeBranches(branches: readonly unknown[]): Schema | undefined {
  const types: string[] = [];
  const keywords: Schema = {};
  const numeric = new Set(['integer', 'number']);
  for (const branch of branches) {
    const own = ownKeywords(branch);
    if (!own) return undefined;
    const { type, values } = own;
    // Two numeric types (or one type twice) would share keywords: not the same schema.
    if (types.includes(type) || (numeric.has(type) && types.some((t) => numeric.has(t))))
      return undefined;
    types.push(type);
    Object.assign(keywords, values);
  }
  return types.length > 1 ? { type: types, ...keywords } : undefined;
}

/** A branch's type and its own keywords, or undefined when it has any other keyword. */
function ownKeywords(branch: unknown): { type: string; values: Schema } | undefined {
  if (typeof branch !== 'object' || branch === null || Array.isArray(branch)) return undefined;
  const { type, ...values } = branch as Schema;
  if (typeof type !== 'string' || !(type in OWN_KEYWORDS)) return undefined;
  const asPattern = type === 'string' ? stringChoices(values) : undefined;
  const keywords = asPattern ?? values;
  const allowed = OWN_KEYWORDS[type] ?? [];
  if (!Object.keys(keywords).every((key) => allowed.includes(key))) return undefined;
  return { type, values: keywords };
}

/**
 * A string branch's `const` or `enum` as the pattern it means (when it has no pattern), with
 * the longest choice's length as its maxLength: a bound a client can read without the regex.
 */
function stringChoices(values: Schema): Schema | undefined {
  const { const: single, enum: many, ...rest } = values;
  const choices = single !== undefined ? [single] : many;
  if (!Array.isArray(choices) || 'pattern' in rest) return undefined;
  if (!choices.every((choice): choice is string => typeof choice === 'string')) return undefined;
  return {
    ...rest,
    pattern: `^(?:${choices.map(escapeRegExp).join('|')})$`,
    maxLength: Math.max(...choices.map((choice) => [...choice].length)),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

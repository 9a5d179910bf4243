/**
 * Input validation errors a model can act on: every problem names its field, says what was
 * expected, and suggests the nearest valid name for a misspelt field or option.
 */
import { z } from 'zod';
import { capItems, ellipsize, MAX_QUOTED_CHARS, quote } from '../render/bound.js';
import { didYouMean } from '../render/suggest.js';

type Issue = z.core.$ZodIssue;
type PathItem = PropertyKey;

/**
 * Keys a strict object refuses with a reason of their own instead of "unknown field": a
 * field the engine would silently ignore here, or one only the engine sets. Keyed by the
 * schema's definition, which survives the clones `.describe()` makes.
 */
const REFUSED_KEYS = new WeakMap<object, Readonly<Record<string, string>>>();

export function refuseKeys<T extends z.ZodObject>(
  object: T,
  reasons: Readonly<Record<string, string>>,
): T {
  REFUSED_KEYS.set(object._zod.def, reasons);
  return object;
}

/** Problems listed in one answer: a call with thousands of bad fields gets the first ones. */
const MAX_LISTED_PROBLEMS = 20;

export function formatInputError(
  toolName: string,
  error: z.ZodError,
  schema: z.ZodType,
  input?: unknown,
): string {
  return problemList(toolName, describeIssues(error, schema, [], input));
}

/** "Invalid arguments for X:", one line per problem (the first 20), what to do. */
export function problemList(toolName: string, problems: readonly string[]): string {
  const { shown, omitted } = capItems(problems, MAX_LISTED_PROBLEMS);
  return [
    `Invalid arguments for ${toolName}:`,
    ...shown.map((line) => `- ${line}`),
    ...(omitted > 0 ? [`- … and ${omitted} more problems`] : []),
    "Fix these fields and call again; the tool's input schema lists every field.",
  ].join('\n');
}

/**
 * Where arguments use the key "__proto__": a JSON key that JavaScript objects treat as their
 * prototype, which a validator may silently drop. Refused like any unknown field, by path.
 */
export function prototypeKeys(value: unknown, path: PathItem[] = [], depth = 0): string[] {
  if (typeof value !== 'object' || value === null || depth > 64) return [];
  const entries: [PathItem, unknown][] = Array.isArray(value)
    ? value.map((item, index): [PathItem, unknown] => [index, item])
    : Object.entries(value);
  const own = Object.prototype.hasOwnProperty.call(value, '__proto__')
    ? [
        `${formatPath([...path, '__proto__'])}: not allowed (a key JavaScript reads as an object's prototype)`,
      ]
    : [];
  return [
    ...own,
    ...entries.flatMap(([key, item]) => prototypeKeys(item, [...path, key], depth + 1)),
  ];
}

/** One line per problem, each naming its field ("body.HostConfig.Memroy: unknown field …"). */
export function describeIssues(
  error: z.ZodError,
  schema: z.ZodType,
  prefix: PathItem[] = [],
  input?: unknown,
): string[] {
  const valueAt = (path: readonly PathItem[]): unknown =>
    path
      .slice(prefix.length)
      .reduce<unknown>(
        (node, key) =>
          typeof node === 'object' && node !== null
            ? (node as Record<PropertyKey, unknown>)[key]
            : undefined,
        input,
      );
  return [
    ...new Set(
      flatten(error.issues, prefix, valueAt).map((issue) =>
        describeIssue(issue, schema, prefix.length),
      ),
    ),
  ];
}

interface FlatIssue {
  issue: Issue;
  path: PathItem[];
}

/**
 * Unions report every branch's issues: keep the branch the value was evidently meant for.
 * When the value is none of them (a string for a number or "all"), say every form.
 */
function flatten(
  issues: readonly Issue[],
  prefix: PathItem[],
  valueAt: (path: readonly PathItem[]) => unknown,
): FlatIssue[] {
  return issues.flatMap((issue): FlatIssue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ issue, path }];
    const rootMismatch = (branch: readonly Issue[]): boolean =>
      branch.some(
        (inner) =>
          (inner.code === 'invalid_type' || inner.code === 'invalid_value') &&
          inner.path.length === 0,
      );
    const plausible = issue.errors.filter((branch) => !rootMismatch(branch));
    if (plausible.length === 0) return [{ issue: noBranchFits(issue, valueAt(path)), path }];
    const best = plausible.reduce((a, b) => (b.length < a.length ? b : a));
    return flatten(best, path, valueAt);
  });
}

/**
 * A value no branch of a union takes: every form it could have had, and what it was
 * ("must be "all" or a number; got "10""; "expected object or string, received number").
 */
function noBranchFits(issue: Issue & { code: 'invalid_union' }, value: unknown): Issue {
  const inner = issue.errors.flat();
  const types = [...new Set(inner.flatMap((i) => (i.code === 'invalid_type' ? [i.expected] : [])))];
  const values = inner.flatMap((i) =>
    i.code === 'invalid_value' ? i.values.map((v) => JSON.stringify(v)) : [],
  );
  const type = inner.map((i) => /received (\w+)/.exec(i.message)?.[1]).find(Boolean);
  if (values.length === 0)
    return {
      ...issue,
      message: `expected ${types.join(' or ')}${type ? `, received ${type}` : ''}`,
    };
  const forms = [
    values.length === 1 ? values[0] : `one of ${values.join(', ')}${types.length > 0 ? ',' : ''}`,
    ...types.map((t) => `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`),
  ].join(' or ');
  const got =
    typeof value === 'string' ? quote(value) : typeof value === 'number' ? String(value) : type;
  return { ...issue, message: `must be ${forms}${got ? `; got ${got}` : ''}` };
}

function describeIssue({ issue, path }: FlatIssue, schema: z.ZodType, skip = 0): string {
  const where = formatPath(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const objects = objectsAt(schema, path.slice(skip));
      const known = [...new Set(objects.flatMap((object) => Object.keys(object.shape)))];
      const refused = (key: string): string | undefined =>
        objects.map((object) => REFUSED_KEYS.get(object._zod.def)?.[key]).find(Boolean);
      const { shown, omitted } = capItems(issue.keys, MAX_LISTED_KEYS);
      return shown
        .map(
          (key) =>
            `${formatPath([...path, key])}: ${
              refused(key) ??
              `unknown field${didYouMean(key, known)}${known.length > 0 && known.length <= 12 ? `; valid fields here: ${known.join(', ')}` : ''}`
            }`,
        )
        .concat(omitted > 0 ? [`${where}: … and ${omitted} more unknown fields`] : [])
        .join('\n- ');
    }
    case 'invalid_value': {
      const options = issue.values.map((value) => JSON.stringify(value));
      return `${where}: must be one of ${options.join(', ')}`;
    }
    case 'invalid_key':
      // A map key (a port, a path) failed its own check: say which check.
      return `${where}: invalid key: ${issue.issues.map((inner) => inner.message).join('; ')}`;
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return `${where}: required (${issue.expected})`;
      return `${where}: ${issue.message.replace(/^Invalid input: /, '')}`;
    default:
      return `${where}: ${issue.message.replace(/^Invalid input: /, '')}`;
  }
}

/** Unknown fields named in one problem line. */
const MAX_LISTED_KEYS = 10;

/** "body.HostConfig.Binds[0]"; a key longer than MAX_QUOTED_CHARS is cut with an ellipsis. */
export function formatPath(path: readonly PathItem[]): string {
  if (path.length === 0) return '(arguments)';
  return path
    .map((item, index) => {
      if (typeof item === 'number') return `[${item}]`;
      const key = ellipsize(String(item), MAX_QUOTED_CHARS);
      return index === 0 ? key : `.${key}`;
    })
    .join('');
}

/** The strict objects at `path`, for "did you mean" and refused keys. */
function objectsAt(schema: z.ZodType, path: readonly PathItem[]): z.ZodObject[] {
  const candidates = unwrap(schema);
  if (path.length === 0)
    return candidates.filter((c): c is z.ZodObject => c instanceof z.ZodObject);
  const [head, ...rest] = path;
  return candidates.flatMap((candidate) => {
    if (candidate instanceof z.ZodObject && typeof head === 'string') {
      const child = (candidate.shape as Record<string, z.ZodType | undefined>)[head];
      return child ? objectsAt(child, rest) : [];
    }
    if (candidate instanceof z.ZodArray) return objectsAt(candidate.element as z.ZodType, rest);
    if (candidate instanceof z.ZodRecord) return objectsAt(candidate.valueType as z.ZodType, rest);
    return [];
  });
}

/** Look through optional/nullable/default/pipe/union/lazy wrappers to the schemas inside. */
function unwrap(schema: z.ZodType, depth = 0): z.ZodType[] {
  if (depth > 10) return [];
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return unwrap(def.innerType as z.ZodType, depth + 1);
    case 'pipe':
      return unwrap(def.in as z.ZodType, depth + 1);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => unwrap(option, depth + 1));
    case 'lazy':
      return unwrap((def.getter as () => z.ZodType)(), depth + 1);
    default:
      return [schema];
  }
}

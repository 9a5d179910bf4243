/**
 * Input validation errors a model can act on: every problem names its field, says what was
 * expected, and suggests the nearest valid name for a misspelt field or option.
 */
import { z } from 'zod';
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

export function formatInputError(toolName: string, error: z.ZodError, schema: z.ZodType): string {
  return [
    `Invalid arguments for ${toolName}:`,
    ...describeIssues(error, schema).map((line) => `- ${line}`),
    "Fix these fields and call again; the tool's input schema lists every field.",
  ].join('\n');
}

/** One line per problem, each naming its field ("body.HostConfig.Memroy: unknown field …"). */
export function describeIssues(
  error: z.ZodError,
  schema: z.ZodType,
  prefix: PathItem[] = [],
): string[] {
  return [
    ...new Set(
      flatten(error.issues, prefix).map((issue) => describeIssue(issue, schema, prefix.length)),
    ),
  ];
}

interface FlatIssue {
  issue: Issue;
  path: PathItem[];
}

/** Unions report every branch's issues: keep the branch the value was evidently meant for. */
function flatten(issues: readonly Issue[], prefix: PathItem[]): FlatIssue[] {
  return issues.flatMap((issue): FlatIssue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ issue, path }];
    const rootMismatch = (branch: readonly Issue[]): boolean =>
      branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0);
    const plausible = issue.errors.filter((branch) => !rootMismatch(branch));
    if (plausible.length === 0) {
      const expected = issue.errors.flatMap((branch) =>
        branch.flatMap((inner) => (inner.code === 'invalid_type' ? [inner.expected] : [])),
      );
      const received = /received (\w+)/.exec(issue.errors[0]?.[0]?.message ?? '')?.[1];
      return [
        {
          issue: {
            ...issue,
            message: `expected ${[...new Set(expected)].join(' or ')}${received ? `, received ${received}` : ''}`,
          },
          path,
        },
      ];
    }
    const best = plausible.reduce((a, b) => (b.length < a.length ? b : a));
    return flatten(best, path);
  });
}

function describeIssue({ issue, path }: FlatIssue, schema: z.ZodType, skip = 0): string {
  const where = formatPath(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const objects = objectsAt(schema, path.slice(skip));
      const known = [...new Set(objects.flatMap((object) => Object.keys(object.shape)))];
      const refused = (key: string): string | undefined =>
        objects.map((object) => REFUSED_KEYS.get(object._zod.def)?.[key]).find(Boolean);
      return issue.keys
        .map(
          (key) =>
            `${formatPath([...path, key])}: ${
              refused(key) ??
              `unknown field${didYouMean(key, known)}${known.length > 0 && known.length <= 12 ? `; valid fields here: ${known.join(', ')}` : ''}`
            }`,
        )
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

export function formatPath(path: readonly PathItem[]): string {
  if (path.length === 0) return '(arguments)';
  return path
    .map((item, index) =>
      typeof item === 'number' ? `[${item}]` : index === 0 ? String(item) : `.${String(item)}`,
    )
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

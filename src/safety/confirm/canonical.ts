/**
 * One spelling for equal JSON values: object keys sorted at every depth, `undefined`
 * members dropped. Tokens bind a call's arguments and a preview's state through it, so
 * `{a, b}` and `{b, a}` are the same call.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortKeys(member);
  }
  return sorted;
}

/** The arguments a token binds: everything but the token itself. */
export function withoutConfirm(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const { confirm: _token, ...rest } = input as Record<string, unknown>;
  return rest;
}

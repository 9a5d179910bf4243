/**
 * Arguments as they may be written down (the audit log): values under secret-looking
 * names, `NAME=value` strings with such names (environment lists), and passwords in URLs
 * become `***`; long strings (file contents, archives) are cut to their start and length.
 */
const SECRET_NAME =
  /pass(word|wd)?|secret|token|api[_-]?key|private|credential|auth|(^|[_.-])key$/i;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_.-]*)=/;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*):[^/\s@]*@/gi;
const MAX_STRING = 200;
export const REDACTED = '***';

export function redactArgs(value: unknown, name = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => redactArgs(item, name));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, redactArgs(member, key)]),
    );
  if (name !== '' && SECRET_NAME.test(name) && value !== undefined && value !== null)
    return REDACTED;
  return typeof value === 'string' ? redactString(value) : value;
}

function redactString(value: string): string {
  const variable = ASSIGNMENT.exec(value)?.[1];
  if (variable !== undefined && SECRET_NAME.test(variable)) return `${variable}=${REDACTED}`;
  const clean = value.replace(URL_PASSWORD, `$1:${REDACTED}@`);
  return clean.length > MAX_STRING
    ? `${clean.slice(0, MAX_STRING)}… (${clean.length} characters)`
    : clean;
}

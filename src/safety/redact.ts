/**
 * Redaction of secrets in what a container's environment shows: the values of variables
 * whose names look secret, and the password of any URL with user:password, become ***.
 * Pure string work; ./redact-middleware.ts applies it to tool answers.
 */

export const REDACTED = '***';

/** Words that mark a secret anywhere in a name (DBPASSWORD, GITHUB_TOKEN). */
const SECRET_ANYWHERE = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE/i;
/** Words that mark a secret only as a whole part of a name (API_KEY, apiKey; not MONKEY). */
const SECRET_PARTS = new Set(['KEY', 'KEYS', 'APIKEY', 'AUTH', 'PASS']);

/** Name parts: split at anything not a letter or digit, and at camelCase humps. */
function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.toUpperCase());
}

export function isSecretName(name: string): boolean {
  return SECRET_ANYWHERE.test(name) || nameParts(name).some((part) => SECRET_PARTS.has(part));
}

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#"'<>]*):([^\s@"'<>]*)@/gi;

/** scheme://user:password@host -> scheme://user:***@host. */
export function redactUrlCredentials(text: string): string {
  return text.replace(
    URL_CREDENTIALS,
    (_, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`,
  );
}

const NAME = '[A-Za-z_][A-Za-z0-9_.-]*';
/** "NAME=value" inside JSON text: the value ends at the closing unescaped quote. */
const QUOTED_ENTRY = new RegExp(`"(${NAME})=((?:[^"\\\\]|\\\\.)*)"`, 'g');
/**
 * NAME=value in plain text, at a line start or after a space, bracket or dash (--password=x
 * in a command line): the value runs to the next " OTHER=" or the end of the line, so
 * "A=1 TOKEN=x" still finds TOKEN.
 */
const PLAIN_ENTRY = new RegExp(
  `(^|[\\s'\`([{,;-])(${NAME})=([^\\n]*?)(?=[\\s,;]+-*${NAME}=|[\\n]|$)`,
  'gm',
);

/** Every secret-looking NAME=value entry and URL password in a text. */
export function redactText(text: string): string {
  if (!text.includes('=') && !text.includes('@')) return text;
  const quoted = text.replace(QUOTED_ENTRY, (entry, name: string) =>
    isSecretName(name) ? `"${name}=${REDACTED}"` : entry,
  );
  const plain = quoted.replace(PLAIN_ENTRY, (entry, before: string, name: string) =>
    isSecretName(name) ? `${before}${name}=${REDACTED}` : entry,
  );
  return redactUrlCredentials(plain);
}

/** The same for structured content: every string inside, at any depth; keys are kept. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map(redactValue) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, redactValue(inner)]),
    ) as T;
  }
  return value;
}

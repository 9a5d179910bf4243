/**
 * The one redaction: what every tool answer (text and structured), `full: true`, list rows,
 * labels and the audit log show of secrets. Two tables drive it: NAME_RULES say which names
 * hold secrets (an environment variable, a label key, a JSON member, an argument), and
 * VALUE_SHAPES say which values are secrets whatever their name (a private key block, a
 * URL's password). Pure string work; ./redact-middleware.ts applies it to answers and
 * ./audit.ts to arguments.
 *
 * When in doubt it hides too much rather than too little: the value of a secret-looking
 * name runs to the end of its line (a value may hold spaces: "DB_PASSWORD=abc zz=rest" is
 * one value), or to its closing quote inside JSON.
 */

import { isSecretName } from '../render/secret-names.js';

export { isSecretName, NAME_RULES } from '../render/secret-names.js';

export const REDACTED = '***';

export interface ValueShape {
  name: string;
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

/** Values that are secrets whatever they are called, in the order they are applied. */
export const VALUE_SHAPES: readonly ValueShape[] = [
  {
    // Multi-line: every line of the block goes, and a block cut short hides to the end.
    name: 'a PEM private key block',
    pattern: /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|$)/g,
    replace: (_m, kind: string) => `-----BEGIN ${kind}-----${REDACTED}-----END ${kind}-----`,
  },
  {
    name: "a URL's password (scheme://user:password@host)",
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#"'<>]*):([^\s@"'<>]*)@/gi,
    replace: (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`,
  },
  {
    name: 'user:password@host without a scheme',
    pattern: /(^|[\s"'=(<,;])([^\s:@/"'<>=]+):([^\s@/"'<>]+)@(?=[A-Za-z0-9[])/gm,
    replace: (_m, before: string, user: string) => `${before}${user}:${REDACTED}@`,
  },
  {
    name: 'a bearer token (Authorization: Bearer ...)',
    pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]{16,}=*/g,
    replace: (_m, kind: string) => `${kind} ${REDACTED}`,
  },
];

/** A name as environment variables, label keys and command-line options spell them. */
const NAME = '[A-Za-z_][A-Za-z0-9_.\\-/]*';
/** "NAME=value" as a JSON string: the value ends at the closing unescaped quote. */
const QUOTED_ENTRY = new RegExp(`"(${NAME})=((?:[^"\\\\]|\\\\.)*)"`, 'g');
/** "NAME": "value" (or a number) as a JSON member. */
const JSON_MEMBER = new RegExp(
  `"(${NAME})"(\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|-?\\d[\\d.eE+-]*)`,
  'g',
);
/** NAME= or NAME: in plain text, after a line start, space, quote or bracket (--password=x). */
const PLAIN_NAME = new RegExp(`(^|[\\s'\`([{,;-])(${NAME})(=|: )`, 'g');

/** Every secret in a text: value shapes, then the values of secret-looking names. */
export function redactText(text: string): string {
  let out = text;
  for (const shape of VALUE_SHAPES) out = out.replace(shape.pattern, shape.replace);
  if (!/[=:]/.test(out)) return out;
  out = out.replace(QUOTED_ENTRY, (entry, name: string) =>
    isSecretName(name) ? `"${name}=${REDACTED}"` : entry,
  );
  out = out.replace(JSON_MEMBER, (member, name: string, colon: string) =>
    isSecretName(name) ? `"${name}"${colon}"${REDACTED}"` : member,
  );
  return out.split('\n').map(redactLine).join('\n');
}

/** From the first secret-looking NAME= (or NAME: ) on, the rest of the line is its value. */
function redactLine(line: string): string {
  for (const match of line.matchAll(PLAIN_NAME))
    if (isSecretName(match[2] ?? ''))
      return `${line.slice(0, match.index + match[0].length)}${REDACTED}`;
  return line;
}

const WHOLE_ENTRY = new RegExp(`^(${NAME})=`);

/**
 * One string value (an environment entry, a label, an argument): "NAME=value" with a secret
 * name loses its whole value, lines and all; anything else is redacted as text.
 */
export function redactString(value: string): string {
  const name = WHOLE_ENTRY.exec(value)?.[1];
  if (name !== undefined && isSecretName(name)) return `${name}=${REDACTED}`;
  return redactText(value);
}

/**
 * Structured content, at any depth: strings as above, and every string under a
 * secret-looking key (a label "app.token", a member "password"). Keys, numbers and booleans
 * are kept. A private key block that spans several strings (a log's lines, one per entry)
 * is hidden in each of them, up to the one that ends it.
 */
export function redactValue<T>(value: T): T {
  return new Walk().at(value, false, '') as T;
}

const BLOCK_START = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----/g;

class Walk {
  /** Inside a key block that began in an earlier string: its kind, and the key its lines sit under. */
  private open: { kind: string; key: string } | undefined;

  at(value: unknown, secret: boolean, key: string): unknown {
    if (typeof value === 'string') return secret ? REDACTED : this.string(value, key);
    if (Array.isArray(value)) return value.map((item) => this.at(item, secret, key));
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(
        Object.entries(value).map(([name, inner]) => [
          name,
          this.at(inner, secret || isSecretName(name), name),
        ]),
      );
    return value;
  }

  private string(value: string, key: string): string {
    if (this.open && this.open.key !== key) return redactString(value);
    if (this.open) {
      const end = `-----END ${this.open.kind}-----`;
      const at = value.indexOf(end);
      if (at < 0) return REDACTED;
      this.open = undefined;
      return `${REDACTED}${end}${redactString(value.slice(at + end.length))}`;
    }
    this.open = unclosedBlock(value, key);
    return redactString(value);
  }
}

/** A key block that begins in this string and does not end in it. */
function unclosedBlock(value: string, key: string): { kind: string; key: string } | undefined {
  let open: { kind: string; key: string } | undefined;
  for (const match of value.matchAll(BLOCK_START)) {
    const kind = match[1] ?? '';
    const ends = value.indexOf(`-----END ${kind}-----`, match.index + match[0].length) >= 0;
    open = ends ? undefined : { kind, key };
  }
  return open;
}

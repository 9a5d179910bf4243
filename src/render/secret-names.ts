/**
 * Which names hold secrets (an environment variable, a label key, a JSON member, an
 * argument): the rules the redaction (../safety/redact.ts) applies, here so that an answer
 * can also be laid out for it (list rows put secret-looking labels last).
 */

export interface NameRule {
  /** Matched against the name's parts (split at non-letters and camelCase humps), upper case. */
  test: (parts: readonly string[], whole: string) => boolean;
  why: string;
}

const CONTAINS = ['PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'TOKEN', 'CREDENTIAL', 'PRIVATE'];
const WHOLE_PARTS = new Set([
  'KEY',
  'KEYS',
  'APIKEY',
  'ACCESSKEY',
  'AUTH',
  'AUTHORIZATION',
  'PASS',
  'PWD',
  'PW',
  'COOKIE',
  'SALT',
  'DSN',
]);
/** Names that look secret by the rules but are not: the shell's working directory. */
const NOT_SECRET = new Set(['PWD']);

/** Which names hold secrets, in order; the first that matches decides. */
export const NAME_RULES: readonly NameRule[] = [
  {
    test: (_parts, whole) => NOT_SECRET.has(whole.toUpperCase()),
    why: 'PWD alone is the working directory, not a password',
  },
  {
    test: (_parts, whole) => CONTAINS.some((word) => whole.toUpperCase().includes(word)),
    why: `contains ${CONTAINS.join(', ')} anywhere (DBPASSWORD, GITHUB_TOKEN, *_PASSPHRASE)`,
  },
  {
    test: (parts) => parts.some((part) => WHOLE_PARTS.has(part)),
    why: `has ${[...WHOLE_PARTS].join(', ')} as a whole part (API_KEY, apiKey, MYSQL_PWD; not MONKEY)`,
  },
];

/** Name parts: split at anything not a letter or digit, and at camelCase humps. */
function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.toUpperCase());
}

export function isSecretName(name: string): boolean {
  const parts = nameParts(name);
  for (const [index, rule] of NAME_RULES.entries()) if (rule.test(parts, name)) return index > 0; // the first rule lists exceptions
  return false;
}

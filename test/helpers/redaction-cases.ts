/**
 * The one table of redaction cases, shared by the unit tests (the pure functions), the
 * integration tests (a real container's env and labels through inspect, full, list and
 * logs) and the audit log tests. Each secret is a distinct marker that must never show.
 */

export interface EnvCase {
  what: string;
  /** An environment entry exactly as the container gets it. */
  entry: string;
  /** Strings that must not appear anywhere once redacted. */
  secrets: string[];
  /** What must still show (in the entry's redacted form). */
  shown: string;
}

const PEM = (kind: string, ...lines: string[]) =>
  [`-----BEGIN ${kind}-----`, ...lines, `-----END ${kind}-----`].join('\n');

export const ENV_CASES: EnvCase[] = [
  {
    what: 'a password',
    entry: 'DB_PASSWORD=hunter2-secret',
    secrets: ['hunter2-secret'],
    shown: 'DB_PASSWORD=***',
  },
  {
    what: 'a value with spaces, all of it',
    entry: 'APP_PASSWORD=abc-secret zz=rest-secret',
    secrets: ['abc-secret', 'rest-secret'],
    shown: 'APP_PASSWORD=***',
  },
  {
    what: 'a multi-line private key, every line',
    entry: `TLS_PRIVATE_KEY=${PEM('RSA PRIVATE KEY', 'MIIEpem-first-secret', 'pem-second-secret')}`,
    secrets: ['pem-first-secret', 'pem-second-secret'],
    shown: 'TLS_PRIVATE_KEY=***',
  },
  {
    what: 'a private key block under a harmless name',
    entry: `BUNDLE=${PEM('PRIVATE KEY', 'bundle-first-secret', 'bundle-second-secret')}`,
    secrets: ['bundle-first-secret', 'bundle-second-secret'],
    shown: 'BUNDLE=-----BEGIN PRIVATE KEY-----***-----END PRIVATE KEY-----',
  },
  {
    what: 'MYSQL_PWD',
    entry: 'MYSQL_PWD=mysql-pwd-secret',
    secrets: ['mysql-pwd-secret'],
    shown: 'MYSQL_PWD=***',
  },
  {
    what: 'a passphrase',
    entry: 'GPG_PASSPHRASE=gpg-phrase-secret',
    secrets: ['gpg-phrase-secret'],
    shown: 'GPG_PASSPHRASE=***',
  },
  {
    what: 'camelCase apiKey',
    entry: 'apiKey=api-key-secret',
    secrets: ['api-key-secret'],
    shown: 'apiKey=***',
  },
  {
    what: "a URL's password",
    entry: 'DATABASE_URL=postgres://app:pg-url-secret@db:5432/app',
    secrets: ['pg-url-secret'],
    shown: 'DATABASE_URL=postgres://app:***@db:5432/app',
  },
  {
    what: 'user:password@host without a scheme',
    entry: 'REDIS_ADDR=cache:redis-pass-secret@redis:6379',
    secrets: ['redis-pass-secret'],
    shown: 'REDIS_ADDR=cache:***@redis:6379',
  },
  {
    what: 'a harmless value',
    entry: 'GREETING=hello-visible',
    secrets: [],
    shown: 'GREETING=hello-visible',
  },
  {
    what: 'the working directory',
    entry: 'PWD=/srv/visible',
    secrets: [],
    shown: 'PWD=/srv/visible',
  },
  {
    what: 'MONKEY is no key',
    entry: 'MONKEY=banana-visible',
    secrets: [],
    shown: 'MONKEY=banana-visible',
  },
];

export interface LabelCase {
  key: string;
  value: string;
  secret: boolean;
}

export const LABEL_CASES: LabelCase[] = [
  { key: 'com.example.api-token', value: 'label-token-secret', secret: true },
  { key: 'app.db.password', value: 'label-password-secret', secret: true },
  { key: 'owner', value: 'team-visible', secret: false },
];

/** Every marker that must never show, from both tables. */
export const ALL_SECRETS = [
  ...ENV_CASES.flatMap((c) => c.secrets),
  ...LABEL_CASES.filter((c) => c.secret).map((c) => c.value),
];

/** Names: which look secret and which do not. */
export const SECRET_NAMES = [
  'DB_PASSWORD',
  'mysql_root_passwd',
  'GITHUB_TOKEN',
  'AWS_SECRET_ACCESS_KEY',
  'API_KEY',
  'apiKey',
  'PRIVATE_KEY_PATH',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'BASIC_AUTH',
  'DB_PASS',
  'dbPassword',
  'MYSQL_PWD',
  'SSH_PASSPHRASE',
  'SESSION_COOKIE',
  'SENTRY_DSN',
  'com.example.api-token',
  'Authorization',
];
export const PLAIN_NAMES = [
  'PATH',
  'HOME',
  'PWD',
  'OLDPWD',
  'MONKEY',
  'AUTHOR',
  'KEYBOARD_LAYOUT',
  'PASSENGER',
  'owner',
];

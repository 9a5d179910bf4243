/**
 * Flags of the confirmation layer, and the checks that need the environment (a shared
 * secret may come from CONTAINER_MCP_CONFIRM_SECRET).
 */
import { resolve } from 'node:path';
import {
  UsageError,
  type ConfirmConfig,
  type ConfirmFallback,
  type ConfirmMode,
} from '../config.js';
import { didYouMean } from '../render/suggest.js';
import { CONFIRM_KINDS } from '../safety/confirm/mode.js';
import { defaultStoreDirectory } from '../safety/confirm/redeemed.js';
import { TOOLS } from '../tools/index.js';
import { commaList, positiveNumber, str, type Flag } from './flag-values.js';

export const CONFIRM_SECRET_ENV = 'CONTAINER_MCP_CONFIRM_SECRET';
const MIN_SECRET_LENGTH = 16;
const FALLBACKS: readonly ConfirmFallback[] = ['token', 'deny'];

export const CONFIRM_FLAGS: Flag[] = [
  {
    name: 'confirm',
    env: 'CONTAINER_MCP_CONFIRM',
    type: 'string',
    value: 'WHICH',
    group: 'Confirmation',
    help: 'Which tools need a confirmation: destructive (default: stop, restart, kill, delete, prune, overwriting archive puts), write (every state-changing tool), none, or tool names (a,b)',
    apply: (config, value) => {
      const names = TOOLS.map((tool) => tool.name);
      const parsed = parseConfirmMode(str(value), names);
      if (!parsed.ok)
        throw new UsageError(
          parsed.unknown === ''
            ? `--confirm "${str(value)}" is empty: give destructive, write, none or tool names`
            : `--confirm: "${parsed.unknown}" is neither destructive, write, none nor a tool name${didYouMean(parsed.unknown, names)}`,
        );
      config.confirm.mode = parsed.mode;
    },
  },
  {
    name: 'confirm-fallback',
    type: 'string',
    value: 'HOW',
    group: 'Confirmation',
    help: 'When the client cannot ask the user (no elicitation): token (default: the first call previews and returns a one-time token to repeat it with) or deny; with --stateless, tokens are refused unless this is given',
    apply: (config, value) => {
      const fallback = str(value) as ConfirmFallback;
      if (!FALLBACKS.includes(fallback))
        throw new UsageError(
          `--confirm-fallback "${str(value)}" is not token or deny${didYouMean(str(value), FALLBACKS)}`,
        );
      config.confirm.fallback = fallback;
    },
  },
  {
    name: 'confirm-ttl',
    type: 'string',
    value: 'SECONDS',
    group: 'Confirmation',
    help: 'How long a confirmation token stays valid (default 300)',
    apply: (config, value) =>
      (config.confirm.ttlMs = Math.round(positiveNumber('confirm-ttl', str(value)) * 1000)),
  },
  {
    name: 'confirm-secret',
    type: 'string',
    value: 'SECRET',
    group: 'Confirmation',
    help: `Key that signs confirmations, shared by server processes on several machines (prefer ${CONFIRM_SECRET_ENV}); default: this user's key, kept in the confirmation store`,
    apply: (config, value) => (config.confirm.secret = str(value)),
  },
  {
    name: 'confirm-store',
    type: 'string',
    value: 'DIR',
    group: 'Confirmation',
    help: 'The directory where server processes record redeemed confirmations, so each is used once across them (default: under $XDG_RUNTIME_DIR/container-mcp or ~/.cache/container-mcp; a shared file system for several machines)',
    apply: (config, value) => (config.confirm.store = resolve(str(value))),
  },
];

/**
 * Once every flag is applied: the secret from the environment, and its strength; and under
 * --stateless, where a token cannot be bound to one client, the token fallback is refused
 * unless --confirm-fallback says otherwise explicitly (a client that can ask the person
 * still gets the question: the answer comes back with the repeated call, to any process).
 */
export function finishConfirmConfig(
  confirm: ConfirmConfig,
  given: ReadonlySet<string>,
  env: NodeJS.ProcessEnv,
  stateless = false,
): void {
  if (stateless && confirm.mode.kind !== 'none')
    confirm.stateless = given.has('confirm-fallback') ? 'fallback' : 'refuse';
  if (confirm.secret === undefined && env[CONFIRM_SECRET_ENV])
    confirm.secret = env[CONFIRM_SECRET_ENV];
  if (confirm.secret !== undefined && confirm.secret.length < MIN_SECRET_LENGTH) {
    const from = given.has('confirm-secret') ? '--confirm-secret' : CONFIRM_SECRET_ENV;
    throw new UsageError(
      `${from} must be at least ${MIN_SECRET_LENGTH} characters (try: openssl rand -hex 32)`,
    );
  }
  // Without a secret, the user's key (safety/confirm/user-key.ts) picks its own default store.
  if (confirm.secret !== undefined)
    confirm.store ??= defaultStoreDirectory(Buffer.from(confirm.secret), env);
}

/**
 * The --confirm value. A list names tools (comma-separated); an unknown name is an error
 * here so that a typo cannot silently leave a tool unguarded.
 */
export function parseConfirmMode(
  value: string,
  knownNames: readonly string[],
): { ok: true; mode: ConfirmMode } | { ok: false; unknown: string } {
  const trimmed = value.trim();
  if ((CONFIRM_KINDS as readonly string[]).includes(trimmed))
    return { ok: true, mode: { kind: trimmed as (typeof CONFIRM_KINDS)[number] } };
  const names = commaList(trimmed);
  const unknown = names.find((name) => !knownNames.includes(name));
  if (unknown !== undefined || names.length === 0) return { ok: false, unknown: unknown ?? '' };
  return { ok: true, mode: { kind: 'list', names: [...new Set(names)] } };
}

/**
 * Flags of the confirmation layer and the audit log, and the checks that need the
 * environment (a shared secret may come from CONTAINER_MCP_CONFIRM_SECRET).
 */
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfirmConfig } from '../config.js';
import { positiveNumber, str, UsageError, type Flag } from '../flag.js';
import { didYouMean } from '../render/suggest.js';
import { TOOLS } from '../tools/index.js';
import { parseConfirmMode, type ConfirmFallback } from './confirm/mode.js';

export const CONFIRM_SECRET_ENV = 'CONTAINER_MCP_CONFIRM_SECRET';
const MIN_SECRET_LENGTH = 16;
const FALLBACKS: readonly ConfirmFallback[] = ['token', 'deny'];

export const CONFIRM_FLAGS: Flag[] = [
  {
    name: 'confirm',
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
    help: 'When the client cannot ask the user (no elicitation): token (default: the first call previews and returns a one-time token to repeat it with) or deny',
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
    help: `Key that signs tokens, shared by several server processes (prefer ${CONFIRM_SECRET_ENV}); default: random per process`,
    apply: (config, value) => (config.confirm.secret = str(value)),
  },
  {
    name: 'audit-log',
    type: 'string',
    value: 'FILE',
    group: 'Confirmation',
    help: 'Append one JSON line per state-changing call (time, session, tool, redacted arguments, confirmation, outcome)',
    apply: (config, value) => (config.auditLog = appendableFile(str(value))),
  },
];

/** Once every flag is applied: the secret from the environment, and its strength. */
export function finishConfirmConfig(
  confirm: ConfirmConfig,
  given: ReadonlySet<string>,
  env: NodeJS.ProcessEnv,
): void {
  if (confirm.secret === undefined && env[CONFIRM_SECRET_ENV])
    confirm.secret = env[CONFIRM_SECRET_ENV];
  if (confirm.secret !== undefined && confirm.secret.length < MIN_SECRET_LENGTH) {
    const from = given.has('confirm-secret') ? '--confirm-secret' : CONFIRM_SECRET_ENV;
    throw new UsageError(
      `${from} must be at least ${MIN_SECRET_LENGTH} characters (try: openssl rand -hex 32)`,
    );
  }
}

/** Fail at start-up, not at the first call, when the audit log cannot be written. */
function appendableFile(value: string): string {
  const path = resolve(value);
  try {
    closeSync(openSync(path, 'a'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--audit-log "${value}" cannot be appended to: ${reason}`);
  }
  return path;
}

/** --audit-log: where each state-changing call is written down. */
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../config.js';
import { str, type Flag } from './flag-values.js';

export const AUDIT_FLAGS: Flag[] = [
  {
    name: 'audit-log',
    type: 'string',
    value: 'FILE',
    group: 'Audit',
    help: 'Append one JSON line per state-changing call (time, session, tool, redacted arguments, confirmation, outcome)',
    apply: (config, value) => (config.auditLog = appendableFile(str(value))),
  },
];

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

/**
 * The flag table: one list drives parsing (./parse.ts), validation and --help (./help.ts), so
 * a flag cannot be parsed without being documented. Groups in the order --help shows them.
 */
import { AUDIT_FLAGS } from './audit-flags.js';
import { CONFIRM_FLAGS } from './confirm-flags.js';
import { ENGINE_FLAGS } from './engine-flags.js';
import { FILE_FLAGS } from './file-flags.js';
import type { Flag } from './flag-values.js';
import { HTTP_FLAGS } from './http-flags.js';
import { OUTPUT_FLAGS } from './output-flags.js';
import { POLICY_FLAGS } from './policy-flags.js';

export const FLAGS: Flag[] = [
  ...ENGINE_FLAGS,
  ...OUTPUT_FLAGS,
  ...FILE_FLAGS,
  ...HTTP_FLAGS,
  ...POLICY_FLAGS,
  ...CONFIRM_FLAGS,
  ...AUDIT_FLAGS,
];

/**
 * How a call got past (or was stopped by) the confirmation layer, for the audit log, which
 * wraps it: none (not guarded), elicited (a person said yes), token (a valid token), denied
 * (a person said no, or --confirm-fallback deny), refused (no token or a bad one: a preview
 * was answered instead).
 */
import type { ToolCall } from '../../mcp/middleware.js';

export type ConfirmationPath = 'none' | 'elicited' | 'token' | 'denied' | 'refused';

const paths = new WeakMap<ToolCall, ConfirmationPath>();

export function recordPath(call: ToolCall, path: ConfirmationPath): void {
  paths.set(call, path);
}

export function pathOf(call: ToolCall): ConfirmationPath {
  return paths.get(call) ?? 'none';
}

/**
 * Which tools need a confirmation: `--confirm destructive|write|none|LIST`. Pure: it knows
 * tools only by name and risk.
 */
import { commaList } from '../../flag.js';

export type ConfirmMode =
  | { kind: 'destructive' }
  | { kind: 'write' }
  | { kind: 'none' }
  | { kind: 'list'; names: readonly string[] };

export type ConfirmFallback = 'token' | 'deny';

export const CONFIRM_KINDS = ['destructive', 'write', 'none'] as const;

export interface GuardedTool {
  name: string;
  risk: 'read' | 'write' | 'destructive';
}

/**
 * Whether a call to this tool waits for a confirmation. A preview that says the call
 * destroys nothing (an archive put of new files only) lifts it in the middleware.
 */
export function isGuarded(mode: ConfirmMode, tool: GuardedTool): boolean {
  switch (mode.kind) {
    case 'none':
      return false;
    case 'destructive':
      return tool.risk === 'destructive';
    case 'write':
      return tool.risk !== 'read';
    case 'list':
      return mode.names.includes(tool.name);
  }
}

/**
 * Parse the flag's value. A list names tools (comma-separated); an unknown name is an
 * error here so that a typo cannot silently leave a tool unguarded.
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

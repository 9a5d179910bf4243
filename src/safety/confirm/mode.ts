/**
 * Which calls need a confirmation, derived from what each tool declares it does:
 * `--confirm destructive` guards calls that can destroy, `write` every call that changes
 * anything, `none` nothing, and a list the tools it names. Pure.
 */
import type { ConfirmMode } from '../../config.js';
import type { Tool } from '../../mcp/define.js';
import {
  callEffects,
  EFFECTS,
  overlaps,
  possibleEffects,
  reachEffects,
  type Effect,
  type Effects,
} from '../../mcp/effects.js';

export const CONFIRM_KINDS = ['destructive', 'write', 'none'] as const;

type GuardedTool = Pick<Tool, 'name' | 'effects'>;

const EVERY: ReadonlySet<Effect> = new Set(EFFECTS);
const DESTROYS: ReadonlySet<Effect> = new Set<Effect>(['destroys']);
const NOTHING: ReadonlySet<Effect> = new Set<Effect>();

/** The effects a mode guards (a list guards tools by name instead). */
export function guardedEffects(mode: ConfirmMode): ReadonlySet<Effect> {
  if (mode.kind === 'destructive') return DESTROYS;
  if (mode.kind === 'write') return EVERY;
  return NOTHING;
}

/**
 * Some call of this tool can need a confirmation: it takes `confirm` and says so. That
 * includes what it takes on by reaching into other containers (a create that joins one).
 */
export function mayBeGuarded(mode: ConfirmMode, tool: GuardedTool): boolean {
  if (mode.kind === 'list') return mode.names.includes(tool.name);
  const possible = [...possibleEffects(tool.effects), ...reachEffects(tool.effects)];
  return overlaps(possible, guardedEffects(mode));
}

/**
 * Whether this call waits for a confirmation: 'yes'; 'no'; or 'preview' when only effects
 * the engine's state decides are guarded (a put that may overwrite): its preview settles it.
 */
export function guardOf(
  mode: ConfirmMode,
  tool: GuardedTool,
  args: unknown,
): 'yes' | 'no' | 'preview' {
  if (mode.kind === 'list') return mode.names.includes(tool.name) ? 'yes' : 'no';
  const guarded = guardedEffects(mode);
  const { sure, maybe } = callEffects(tool.effects, args);
  if (overlaps(sure, guarded)) return 'yes';
  return overlaps(maybe, guarded) ? 'preview' : 'no';
}

/**
 * After the preview: do the effects it found need a yes? A preview that says none counts as
 * having every effect the engine's state could add (the tool's `mayAlso`, and reaching).
 */
export function previewNeedsYes(
  mode: ConfirmMode,
  effects: Effects,
  found: readonly Effect[] | undefined,
): boolean {
  return overlaps(
    found ?? [...(effects.mayAlso ?? []), ...reachEffects(effects)],
    guardedEffects(mode),
  );
}

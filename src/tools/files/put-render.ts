/** How an upload is described: before (the plan, for confirmation) and after (the result). */
import type { FileRecord } from '../../render/files.js';
import { escapeControl } from '../../render/escape.js';
import { shortTimestamp } from '../../render/time.js';
import { formatBytesSI } from '../../render/units.js';
import type { Plan, PlannedEntry } from './put-plan.js';

type ReadyPlan = Extract<Plan, { ok: true }>;

/** Names listed per group in a one-line description; the rest are counted. */
const NAMED = 10;

/** Names come from the caller's files or archive: escaped, so none can add a line of its own. */
function names(paths: readonly string[]): string {
  const shown = paths.slice(0, NAMED).map(escapeControl).join(', ');
  return paths.length > NAMED ? `${shown} and ${paths.length - NAMED} more` : shown;
}

const throughLinks = (plan: ReadyPlan) => plan.entries.filter((e) => e.resolved !== undefined);
const links = (plan: ReadyPlan) => plan.entries.filter((e) => e.type === 'symlink');

/**
 * "2 created, 1 overwritten, 1 directory merged, 1 through a symlink". An existing directory
 * whose owner or mode the write changes counts as overwritten.
 */
export function describeChanges(plan: ReadyPlan): string {
  const count = (action: string): number => plan.entries.filter((e) => e.action === action).length;
  const through = throughLinks(plan).length;
  const made = links(plan).length;
  const parts = [
    `${count('create')} created`,
    `${count('overwrite')} overwritten`,
    count('replace') > 0 ? `${count('replace')} replaced (file/directory swapped)` : '',
    count('merge') > 0
      ? `${count('merge')} existing ${count('merge') === 1 ? 'directory' : 'directories'} kept`
      : '',
    through > 0 ? `${through} written through a symlink` : '',
    made > 0 ? `${made} ${made === 1 ? 'symlink' : 'symlinks'} made` : '',
    plan.unchecked > 0 ? `${plan.unchecked} not checked` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/** For the confirmation: exactly which files would be lost, written elsewhere, or linked. */
export function describePlan(id: string, target: string, plan: ReadyPlan): string {
  // A directory written over a directory keeps what is in it (its changes are listed below);
  // one written over a file or a symlink loses it.
  const lost = plan.entries.filter(
    (e) =>
      (e.action === 'overwrite' || e.action === 'replace') &&
      !(e.type === 'directory' && e.existing?.type === 'directory'),
  );
  const changed = plan.entries.filter((e) => e.changes !== undefined);
  // New entries not already listed as written through a symlink or as a symlink.
  const created = plan.entries
    .filter((e) => e.action === 'create' && e.resolved === undefined && e.type !== 'symlink')
    .map((e) => e.path);
  const lines = [
    `Write into ${escapeControl(target)} in container ${id}: ${describeChanges(plan)}.`,
  ];
  if (lost.length > 0)
    lines.push(
      `Overwrites: ${names(
        lost.map((e) => {
          const was = e.existing;
          const when = shortTimestamp(was?.mtime);
          return `${e.path} (${was?.type ?? 'file'}, ${formatBytesSI(was?.size ?? 0)}${when ? `, modified ${when}` : ''})`;
        }),
      )}`,
    );
  if (changed.length > 0)
    lines.push(
      `Changes what exists (an overwrite): ${names(changed.map((e) => `${e.path}: ${(e.changes ?? []).join(', ')}`))}`,
    );
  const through = throughLinks(plan);
  if (through.length > 0)
    lines.push(
      `Through symlinks (the engine follows them): ${names(through.map((e) => `${e.path} writes ${e.resolved}`))}`,
    );
  const made = links(plan);
  if (made.length > 0)
    lines.push(`Symlinks: ${names(made.map((e) => `${e.path} -> ${e.linkTarget ?? ''}`))}`);
  if (created.length > 0) lines.push(`Creates: ${names(created)}`);
  if (plan.unchecked > 0)
    lines.push(`${plan.unchecked} more entries were not checked and may overwrite files.`);
  return lines.join('\n');
}

/** Whether what is there now is what the upload sent (type, and size for files). */
export function asSent(entry: PlannedEntry, after: FileRecord | undefined): boolean {
  if (!after) return false;
  if (entry.type === 'file') return after.type === 'file' && after.size === entry.size;
  if (entry.type === 'hardlink') return after.type === 'file';
  return after.type === entry.type;
}

interface Written {
  path: string;
  action: string;
  changes?: string[];
  resolved?: string;
  link_target?: string;
  as_sent: boolean;
  before?: FileRecord;
  after?: FileRecord;
}

/** One line per entry: what is there now (where it really is), and what it replaced. */
export function renderWritten(entries: readonly Written[], unchecked: number): string {
  const lines = entries.map((e) => {
    const now = e.after
      ? `${e.after.mode} ${e.after.size} ${shortTimestamp(e.after.mtime) ?? '-'}`
      : 'missing';
    const was =
      e.before && e.action !== 'merge' ? `; was ${e.before.type} of ${e.before.size} bytes` : '';
    const changes = e.changes ? `: ${escapeControl(e.changes.join(', '))}` : '';
    const what =
      e.action === 'create'
        ? 'created'
        : e.action === 'merge'
          ? 'existing directory'
          : e.before?.type === 'directory' && e.action === 'overwrite'
            ? `existing directory changed${changes}`
            : `${e.action === 'replace' ? 'replaced' : 'overwritten'}${was}${changes}`;
    // Paths and link targets come from the caller's archive: escaped, like every name here.
    const where = e.resolved ? `, written at ${escapeControl(e.resolved)} through a symlink` : '';
    const link = e.link_target ? ` -> ${escapeControl(e.link_target)}` : '';
    const differs = e.as_sent ? '' : '; NOT as sent: check it with container_archive_info';
    return `${now} ${escapeControl(e.path)}${link} (${what}${where}${differs})`;
  });
  if (unchecked > 0) lines.push(`… ${unchecked} more entries written but not checked.`);
  return lines.join('\n');
}

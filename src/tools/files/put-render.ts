/** How an upload is described: before (the plan, for confirmation) and after (the result). */
import type { FileRecord } from '../../render/files.js';
import { escapeControl } from '../../render/escape.js';
import { shortTimestamp } from '../../render/time.js';
import { formatBytesSI } from '../../render/units.js';
import type { Plan } from './put-plan.js';

type ReadyPlan = Extract<Plan, { ok: true }>;

/** Names listed per group in a one-line description; the rest are counted. */
const NAMED = 10;

/** Names come from the caller's files or archive: escaped, so none can add a line of its own. */
function names(paths: readonly string[]): string {
  const shown = paths.slice(0, NAMED).map(escapeControl).join(', ');
  return paths.length > NAMED ? `${shown} and ${paths.length - NAMED} more` : shown;
}

/** "2 created, 1 overwritten, 1 directory merged". */
export function describeChanges(plan: ReadyPlan): string {
  const count = (action: string): number => plan.entries.filter((e) => e.action === action).length;
  const parts = [
    `${count('create')} created`,
    `${count('overwrite')} overwritten`,
    count('replace') > 0 ? `${count('replace')} replaced (file/directory swapped)` : '',
    count('merge') > 0
      ? `${count('merge')} existing ${count('merge') === 1 ? 'directory' : 'directories'} kept`
      : '',
    plan.unchecked > 0 ? `${plan.unchecked} not checked` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/** For the confirmation: exactly which files would be lost, and which are new. */
export function describePlan(id: string, target: string, plan: ReadyPlan): string {
  const lost = plan.entries.filter((e) => e.action === 'overwrite' || e.action === 'replace');
  const created = plan.entries.filter((e) => e.action === 'create').map((e) => e.path);
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
  if (created.length > 0) lines.push(`Creates: ${names(created)}`);
  if (plan.unchecked > 0)
    lines.push(`${plan.unchecked} more entries were not checked and may overwrite files.`);
  return lines.join('\n');
}

interface Written {
  path: string;
  action: string;
  before?: FileRecord;
  after?: FileRecord;
}

/** One line per entry: what is there now, and what it replaced. */
export function renderWritten(entries: readonly Written[], unchecked: number): string {
  const lines = entries.map((e) => {
    const now = e.after
      ? `${e.after.mode} ${e.after.size} ${shortTimestamp(e.after.mtime) ?? '-'}`
      : 'missing';
    const was =
      e.before && e.action !== 'merge' ? `; was ${e.before.type} of ${e.before.size} bytes` : '';
    return `${now} ${escapeControl(e.path)} (${e.action === 'create' ? 'created' : e.action === 'merge' ? 'existing directory' : `${e.action === 'replace' ? 'replaced' : 'overwritten'}${was}`})`;
  });
  if (unchecked > 0) lines.push(`… ${unchecked} more entries written but not checked.`);
  return lines.join('\n');
}

/**
 * The settings table (./settings-table.ts) as the README's Policy section shows it: every
 * field that is refused (for some or all values) with what it reaches, what is safe, and the
 * flag that allows the rest; then the fields that are safe as given. scripts/policy-table.ts
 * writes it into README.md, and a unit test fails when the two differ.
 */
import type { Rule, SettingsTable } from './settings-rules.js';
import { CREATE_SETTINGS, UPDATE_SETTINGS } from './settings-table.js';

export const README_START =
  '<!-- settings table: generated from src/safety/policy/settings-table.ts by `npx tsx scripts/policy-table.ts` -->';
export const README_END = '<!-- end of settings table -->';

type Guarded = Exclude<Rule, { kind: 'safe' | 'fields' | 'part' }>;

export function renderSettingsTable(): string {
  const rows = guarded(CREATE_SETTINGS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([path, rule]) =>
        `| \`${path}\` | ${cell(rule.reaches)} | ${cell(rule.kind === 'host' ? 'left out' : rule.safe)} | ${allowedBy(rule)} |`,
    );
  const update = guarded(UPDATE_SETTINGS).map(([path]) => `\`${path}\``);
  return [
    README_START,
    '| field of `body` | reaches the host: it | safe without a flag | allowed by |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `\`container_update\`'s body is held to the same rules (${update.join(', ')}). Safe as given: ${safeFields(CREATE_SETTINGS)}.`,
    README_END,
  ].join('\n');
}

/** README.md with the table between its markers (before the formatter lays it out). */
export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start)
    throw new Error(`README.md has no "${README_START}" ... "${README_END}" markers`);
  return readme.slice(0, start) + renderSettingsTable() + readme.slice(end + README_END.length);
}

/** A reference is allowed by whatever the same settings would need directly. */
function allowedBy(rule: Guarded): string {
  const references = ['container-reference', 'namespace-mode', 'network-mode'];
  return rule.kind === 'special' && references.includes(rule.check)
    ? `\`${rule.flag}\` (a referred container's host binds: \`--allow-bind\`)`
    : `\`${rule.flag}\``;
}

/** Markdown would read "<name>" as a tag. */
const cell = (text: string): string => text.replace(/</g, '&lt;').replace(/>/g, '&gt;');

function guarded(table: SettingsTable): [string, Guarded][] {
  return [...table].filter((entry): entry is [string, Guarded] => {
    const kind = entry[1].kind;
    return kind === 'values' || kind === 'host' || kind === 'special';
  });
}

/** "`Image`, `Cmd`, ...; in `HostConfig`: `Memory`, ...", grouped by the object they sit in. */
function safeFields(table: SettingsTable): string {
  const groups = new Map<string, string[]>();
  for (const [path, rule] of table) {
    if (rule.kind !== 'safe') continue;
    const at = path.lastIndexOf('.');
    const group = at < 0 ? '' : path.slice(0, at);
    groups.set(group, [...(groups.get(group) ?? []), path.slice(at + 1)]);
  }
  return [...groups]
    .map(([group, names]) => {
      const list = names.map((name) => `\`${name}\``).join(', ');
      return group === '' ? list : `in \`${group}\`: ${list}`;
    })
    .join('; ');
}

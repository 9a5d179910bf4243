/**
 * Walks a create or update body against its table (./settings-table.ts) and says, field by
 * field, what it asks of the host. Pure: what needs the engine or the host's filesystem
 * (a container's powers, a network's driver, where a path resolves) comes back as a finding
 * for ./settings-settle.ts to look up.
 */
import type { Finding, Located, Segments } from './settings-findings.js';
import { isEmpty, passes, type Rule, type SettingsTable } from './settings-rules.js';
import { specialFindings } from './settings-special.js';

export type { Finding, Located, Segments } from './settings-findings.js';

/** Every finding for `body`, shown at `at` ("body", "update"). */
export function walkSettings(body: unknown, table: SettingsTable, at: string): Finding[] {
  const children = childKinds(table);
  const findings: Finding[] = [];
  const visit = (value: unknown, path: string, shown: string, segments: Segments): void => {
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      const rulePath = path === '' ? key : `${path}.${key}`;
      const field = `${shown}.${key}`;
      const where = [...segments, key];
      const rule = table.get(rulePath);
      if (!rule) findings.push(unclassified(field, child));
      else findings.push(...ruleFindings(rule, { field, value: child }, value, where, rulePath));
      descend(child, rulePath, field, where);
    }
  };
  const descend = (value: unknown, path: string, shown: string, segments: Segments): void => {
    const kind = children.get(path);
    if (kind === 'items' && Array.isArray(value))
      value.forEach((item, index) =>
        visit(item, `${path}[]`, `${shown}[${index}]`, [...segments, index]),
      );
    else if (kind === 'fields') visit(value, path, shown, segments);
    else if (kind === 'map' && isRecord(value))
      for (const [key, item] of Object.entries(value))
        visitMapValue(item, `${path}.*`, `${shown}[${JSON.stringify(key)}]`, [...segments, key]);
  };
  const visitMapValue = (value: unknown, path: string, shown: string, segments: Segments) => {
    if (children.get(path) === 'items' && Array.isArray(value))
      value.forEach((item, index) =>
        visit(item, `${path}[]`, `${shown}[${index}]`, [...segments, index]),
      );
    else visit(value, path, shown, segments);
  };
  visit(body, '', at, []);
  return findings;
}

function ruleFindings(
  rule: Rule,
  located: Located,
  parent: Record<string, unknown>,
  segments: Segments,
  path: string,
): Finding[] {
  switch (rule.kind) {
    case 'safe':
    case 'fields':
    case 'part':
      return [];
    case 'values': {
      const refused = (at: Located): Finding => ({
        type: 'refused',
        ...at,
        reaches: rule.reaches,
        flag: rule.flag,
        safe: rule.safe,
      });
      const { test } = rule;
      // A map is refused key by key, so the message names the key.
      if ('keys' in test && isRecord(located.value))
        return Object.keys(located.value)
          .filter((key) => !passes(test.keys, key))
          .map((key) => refused({ field: `${located.field}[${JSON.stringify(key)}]`, value: key }));
      return passes(test, located.value) ? [] : [refused(located)];
    }
    case 'host':
      return [{ type: 'refused', ...located, reaches: rule.reaches, flag: rule.flag }];
    case 'special':
      return isEmpty(located.value) ? [] : specialFindings(rule, located, parent, segments, path);
  }
}

function unclassified(field: string, value: unknown): Finding {
  return {
    type: 'refused',
    field,
    value,
    flag: '--allow-privileged',
    reaches: 'is not in the table of settings this server knows to be safe (a newer API field?)',
  };
}

type ChildKind = 'fields' | 'items' | 'map';

/**
 * Which table paths have classified children, and how they are reached: an object's fields
 * ("HostConfig" -> "HostConfig.Binds"), a list's items ("Mounts" -> "Mounts[].Type") or a
 * map's values ("EndpointsConfig" -> "EndpointsConfig.*.Links").
 */
function childKinds(table: SettingsTable): Map<string, ChildKind> {
  const kinds = new Map<string, ChildKind>();
  for (const path of table.keys()) {
    const parts = path.split('.');
    for (let end = 1; end < parts.length; end += 1) {
      const parent = parts.slice(0, end).join('.');
      const next = parts[end] ?? '';
      // "Mounts[]" is reached through the list "Mounts"; "*[]" through the map's values.
      if (parent.endsWith('[]')) kinds.set(parent.slice(0, -2), 'items');
      if (next === '*' || next === '*[]') kinds.set(parent, 'map');
      else if (!kinds.has(parent)) kinds.set(parent, 'fields');
    }
  }
  return kinds;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

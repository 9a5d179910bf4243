/**
 * The settings table against the Engine API v1.45 spec and against the tools' own input
 * schemas: every field of the create and update bodies is classified (a field the spec adds
 * cannot slip through unclassified), the table names no field the spec lacks, and every
 * field the tools accept is in it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { describeTool } from '../../src/mcp/listing.js';
import { withSettingsTable } from '../../src/safety/policy/settings-readme.js';
import { CREATE_SETTINGS, UPDATE_SETTINGS } from '../../src/safety/policy/settings-table.js';
import { TOOLS } from '../../src/tools/index.js';

interface Schema {
  $ref?: string;
  type?: string | string[];
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema | false;
  prefixItems?: Schema[];
  additionalProperties?: Schema | boolean;
}

const spec = parse(
  readFileSync(new URL('../../docs/spec/docker-engine-api-v1.45.yaml', import.meta.url), 'utf8'),
) as {
  definitions: Record<string, Schema>;
  paths: Record<string, Record<string, { parameters: { name: string; schema?: Schema }[] }>>;
};

function bodyOf(path: string, name: string): Schema {
  const parameter = spec.paths[path]?.post?.parameters.find((p) => p.name === name);
  if (!parameter?.schema) throw new Error(`the spec has no ${name} for ${path}`);
  return parameter.schema;
}

/**
 * Every field path under `schema`, in the table's notation: "." between fields, "[]" for
 * array items, "*" for map values. `refs` resolves "#/definitions/X".
 */
function fieldPaths(schema: Schema, refs: Record<string, Schema> = {}): string[] {
  const paths = new Set<string>();
  const seen = new Set<Schema>();
  const walk = (node: Schema | undefined, at: string): void => {
    if (!node || typeof node !== 'object') return;
    if (node.$ref) return walk(refs[node.$ref.split('/').pop() ?? ''], at);
    if (seen.has(node) && at.split('.').length > 12) return;
    seen.add(node);
    for (const branch of [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? [])])
      walk(branch, at);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const path = at === '' ? name : `${at}.${name}`;
      paths.add(path);
      walk(child, path);
    }
    if (node.items) walk(node.items, `${at}[]`);
    if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${at}.*`);
  };
  walk(schema, '');
  // "X.*[]": a map of lists; "X[]" alone is not a field.
  return [...paths].map((path) => path.replace(/\.\*\[\]/g, '.*[]'));
}

const SPEC_CREATE = fieldPaths(bodyOf('/containers/create', 'body'), spec.definitions);
const SPEC_UPDATE = fieldPaths(bodyOf('/containers/{id}/update', 'update'), spec.definitions);

function inputBody(tool: string, argument: string): Schema {
  const found = TOOLS.find((t) => t.name === tool);
  if (!found) throw new Error(`no tool ${tool}`);
  const input = describeTool(found).inputSchema as Schema;
  const body = input.properties?.[argument];
  if (!body) throw new Error(`${tool} takes no ${argument}`);
  return body;
}

describe('the settings table', () => {
  it('classifies every field of the v1.45 ContainerCreateRequest', () => {
    expect(SPEC_CREATE.length).toBeGreaterThan(150);
    expect(SPEC_CREATE.filter((path) => !CREATE_SETTINGS.has(path))).toEqual([]);
  });

  it('classifies every field of the v1.45 update body', () => {
    expect(SPEC_UPDATE).toContain('RestartPolicy.Name');
    expect(SPEC_UPDATE.filter((path) => !UPDATE_SETTINGS.has(path))).toEqual([]);
  });

  it('names no field the spec does not have', () => {
    expect([...CREATE_SETTINGS.keys()].filter((path) => !SPEC_CREATE.includes(path))).toEqual([]);
    expect([...UPDATE_SETTINGS.keys()].filter((path) => !SPEC_UPDATE.includes(path))).toEqual([]);
  });

  it("classifies every field the tools' schemas accept", () => {
    const create = fieldPaths(inputBody('container_create', 'body'));
    const update = fieldPaths(inputBody('container_update', 'update'));
    expect(create).toContain('HostConfig.Mounts[].VolumeOptions.DriverConfig.Options');
    expect(create.filter((path) => !CREATE_SETTINGS.has(path))).toEqual([]);
    expect(update.filter((path) => !UPDATE_SETTINGS.has(path))).toEqual([]);
  });

  it('would notice a field the spec adds', () => {
    const newer: Schema = {
      allOf: [bodyOf('/containers/create', 'body'), { properties: { NewPower: {} } }],
    };
    expect(fieldPaths(newer, spec.definitions).filter((p) => !CREATE_SETTINGS.has(p))).toEqual([
      'NewPower',
    ]);
  });

  it("is what the README's Policy section shows (npx tsx scripts/policy-table.ts rewrites it)", async () => {
    const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
    const text = readFileSync(readme, 'utf8');
    const options = { ...(await resolveConfig(readme)), filepath: readme };
    expect(text).toContain('`HostConfig.MaskedPaths`');
    expect(await format(withSettingsTable(text), options)).toBe(text);
  });
});

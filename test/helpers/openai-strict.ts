/**
 * OpenAI's rules for strict function schemas, as documented for Structured Outputs, checked
 * on a schema the Agents SDK converted (optional fields made nullable and required): the root
 * an object; every object closed (additionalProperties: false) with every field required,
 * so no open map; none of the keywords strict mode does not support.
 */
const UNSUPPORTED = [
  'allOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
  'patternProperties',
  'propertyNames',
  'unevaluatedProperties',
  'minProperties',
  'maxProperties',
  'prefixItems',
  'unevaluatedItems',
  'contains',
  'uniqueItems',
];

/** Where a schema breaks the rules; empty when strict mode takes it. */
export function strictProblems(schema: unknown): string[] {
  const root = schema as Record<string, unknown>;
  const problems = root.type === 'object' ? [] : ['the root is not an object'];
  return [...problems, ...walk(schema, '')];
}

function walk(node: unknown, path: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => walk(item, `${path}[${index}]`));
  if (typeof node !== 'object' || node === null) return [];
  const schema = node as Record<string, unknown>;
  const problems: string[] = [];
  for (const keyword of UNSUPPORTED)
    if (keyword in schema) problems.push(`${path || '/'}: ${keyword}`);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object') || 'properties' in schema) {
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    if (schema.additionalProperties !== false)
      problems.push(`${path || '/'}: an open object (a map, or additionalProperties not false)`);
    const required = new Set((schema.required ?? []) as string[]);
    for (const name of Object.keys(properties))
      if (!required.has(name)) problems.push(`${path}.${name}: not required`);
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, sub] of Object.entries(value))
        problems.push(...walk(sub, `${path}.${name}`));
    } else if (typeof value === 'object') problems.push(...walk(value, `${path}/${key}`));
  }
  return problems;
}

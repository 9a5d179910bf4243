/**
 * Every tool's input schema as clients read it: valid and meaningful under draft-07 (Gemini
 * CLI validates arguments with a draft-07 Ajv) as well as 2020-12 (MCP's default), with no
 * tuple and no boolean sub-schema, and accepting a valid call. The samples are checked by
 * the server's own zod schema too, so a sample cannot drift from what the server takes.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { describeTool } from '../../src/mcp/listing.js';
import { withConfirmation } from '../../src/safety/confirm/tools.js';
import { TOOLS } from '../../src/tools/index.js';

const tools = withConfirmation(TOOLS, DEFAULT_CONFIG);

/** A valid call of each tool: the fields a model fills most, of every kind the schema has. */
const SAMPLES: Record<string, Record<string, unknown>> = {
  container_list: { all: true, labels: true, filters: { status: ['exited'], label: ['a=b'] } },
  container_inspect: { id: 'web', size: true },
  container_diagnose: { id: 'web' },
  container_top: { id: 'web', ps_args: 'aux' },
  container_logs: { id: 'web', tail: 'all', since: 1764192025, until: '1m', grep: 'error' },
  container_events: {
    since: 1764192025,
    until: '1m',
    filters: { container: ['web'], event: ['die', 'oom'], type: ['container'] },
    limit: 20,
  },
  container_stats: { id: 'web', samples: 3, interval_ms: 500 },
  container_changes: { id: 'web' },
  container_archive_info: { id: 'web', path: '/etc/hosts' },
  container_archive: { id: 'web', path: '/etc/hosts', offset: 0, length: 1024 },
  container_export: { id: 'web' },
  container_wait: { id: 'web', condition: 'not-running', timeout_s: 30 },
  container_create: {
    name: 'web-1',
    body: {
      Image: 'busybox',
      Cmd: ['sleep', '60'],
      Env: ['A=b'],
      Labels: { app: 'web' },
      ExposedPorts: { '80/tcp': {} },
      StopSignal: 'SIGTERM',
      HostConfig: {
        ConsoleSize: [24, 80],
        PidsLimit: 100,
        NetworkMode: 'none',
        PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] },
      },
    },
  },
  container_start: { id: 'web' },
  container_exec: {
    id: 'web',
    cmd: ['sh', '-c', 'make test'],
    env: ['DEBUG=1'],
    workdir: '/app',
    user: '1000:1000',
    timeout_s: 60,
  },
  container_unpause: { id: 'web' },
  container_pause: { id: 'web' },
  container_rename: { id: 'web', name: 'web-2' },
  container_resize: { id: 'web', h: 24, w: 80 },
  container_update: { id: 'web', update: { Memory: 67108864, PidsLimit: null } },
  container_attach: { id: 'web', stdin: true, input: 'ls\n', duration_ms: 1000 },
  container_attach_websocket: { id: 'web', logs: true, stream: false },
  put_container_archive: {
    id: 'web',
    path: '/tmp',
    files: [{ path: 'a.txt', content: 'hello\n' }],
    confirm: 'token',
  },
  container_stop: { id: 'web', t: 5, signal: 'SIGINT' },
  container_restart: { id: 'web', t: 5, signal: 15 },
  container_kill: { id: 'web', signal: 'SIGHUP', confirm: 'token' },
  container_delete: { id: 'web', force: true, v: true },
  container_prune: { filters: { until: ['24h'], label: ['env=test'] } },
  image_list: { all: false, filters: { reference: ['postgres'], dangling: 'true' } },
  image_inspect: { image: 'postgres:16', history: true },
  image_pull: { image: 'ghcr.io/acme/app:1.2', platform: 'linux/arm64' },
  image_tag: { image: 'postgres:16', target: 'mydb:latest' },
  image_delete: { image: 'postgres:16', force: true, confirm: 'token' },
  image_prune: { all: true, filters: { until: ['24h'] } },
  container_commit: { id: 'web', image: 'web-snapshot:1', changes: ['ENV A=1'], pause: true },
};

const draft07 = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
const draft2020 = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });

describe.each(tools.map((tool) => [tool.name, tool] as const))('%s', (name, tool) => {
  const schema = describeTool(tool).inputSchema;

  it('has no tuple and no boolean sub-schema (but additionalProperties: false)', () => {
    expect(oddities(schema)).toEqual([]);
  });

  it.each([
    ['draft-07', draft07],
    ['2020-12', draft2020],
  ] as const)('compiles under %s and accepts a valid call', (_draft, ajv) => {
    const validate: ValidateFunction = ajv.compile(schema);
    const sample = SAMPLES[name];
    expect(sample, `add a valid sample of ${name} to SAMPLES`).toBeDefined();
    expect(tool.input.safeParse(sample).success, 'the server itself accepts the sample').toBe(true);
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
    // ...and still refuses what the server refuses: an unknown field.
    expect(validate({ ...sample, no_such_field: 1 })).toBe(false);
  });
});

describe('a union of types', () => {
  const logs = describeTool(tools.find((tool) => tool.name === 'container_logs')!).inputSchema;
  const validate = draft07.compile(logs);

  it('is a list of types, each keyword constraining its own type only', () => {
    expect(logs.properties?.tail).toMatchObject({
      type: ['integer', 'string'],
      minimum: 0,
      pattern: '^(?:all)$',
    });
    for (const tail of [0, 100, 'all'])
      expect(validate({ id: 'web', tail }), String(tail)).toBe(true);
    for (const tail of [-1, 'some', 1.5]) expect(validate({ id: 'web', tail })).toBe(false);
  });
});

/** Where a schema uses what draft-07 reads otherwise: tuples, boolean sub-schemas. */
function oddities(node: unknown, path = ''): string[] {
  if (Array.isArray(node))
    return node.flatMap((item, index) => oddities(item, `${path}[${index}]`));
  if (typeof node !== 'object' || node === null) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const at = `${path}.${key}`;
    if (key === 'prefixItems') found.push(`${at}: a tuple`);
    if (key === 'items' && (Array.isArray(value) || typeof value === 'boolean'))
      found.push(`${at}: a tuple or a boolean schema`);
    if (typeof value === 'boolean' && SCHEMA_KEYWORDS.has(key) && key !== 'additionalProperties')
      found.push(`${at}: a boolean schema`);
    if (key !== 'properties' || typeof value !== 'object' || value === null) {
      found.push(...oddities(value, at));
    } else {
      for (const [property, sub] of Object.entries(value as Record<string, unknown>)) {
        if (typeof sub === 'boolean') found.push(`${at}.${property}: a boolean schema`);
        else found.push(...oddities(sub, `${at}.${property}`));
      }
    }
  }
  return found;
}

/** Keywords whose value is a schema (so `true`/`false` there would be a boolean schema). */
const SCHEMA_KEYWORDS = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
]);

/**
 * Bad input of every kind, through a real MCP client, never breaks the server: for every
 * tool, values derived from its own input schema that the schema refuses (wrong types,
 * strings over their maxLength, values outside an enum or a range, unknown and "__proto__"
 * fields, arguments that are not an object), plus huge strings where suggestions and regexes
 * once ran unbounded. Each gets a clear error (no stack trace, `undefined`,
 * `[object Object]` or more than 200 characters of the input echoed), stdout carries only
 * protocol, and a ping answers in under 100 ms right after every slow case. Also: raw junk
 * and an oversized message on stdin.
 *
 * The server runs with a scope label no container carries and with confirmation on, so a
 * value that the schema unexpectedly took could still change nothing.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createContainer, removeTestContainers, RUN_ID } from '../helpers/docker.js';
import { CLI, INITIALIZE_MESSAGE, startServer, textOf, type Session } from '../helpers/mcp.js';

/** Filler no answer could contain by chance: an echo of it is an echo of the input. */
const FILL = 'Qz';
const filler = (length: number): string => FILL.repeat(Math.ceil(length / 2)).slice(0, length);
const ECHO_LIMIT = 200;
/** A string this long is a "slow case": the server must still answer a ping at once after it. */
const SLOW_CHARS = 100_000;

type Schema = Record<string, unknown>;
interface Case {
  tool: string;
  what: string;
  args: unknown;
  slow: boolean;
}

let session: Session;
const protocolErrors: Error[] = [];
const pings: number[] = [];
let tools: { name: string; inputSchema: Schema }[] = [];

beforeAll(async () => {
  session = await startServer({
    args: ['--confirm', 'destructive', '--scope-label', `container-mcp.fuzz=${RUN_ID}-none`],
  });
  // Anything on stdout that is not a protocol message lands here.
  session.client.onerror = (error) => protocolErrors.push(error);
  tools = (await session.client.listTools()).tools;
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

/** The JSON types a schema (with its anyOf branches) accepts. */
function typesOf(schema: Schema): Set<string> {
  const types = new Set<string>();
  const type = schema.type;
  for (const t of Array.isArray(type) ? type : type === undefined ? [] : [type])
    types.add(t === 'integer' ? 'number' : String(t));
  for (const branch of [
    ...((schema.anyOf as Schema[]) ?? []),
    ...((schema.oneOf as Schema[]) ?? []),
  ])
    for (const t of typesOf(branch)) types.add(t);
  if (schema.enum)
    for (const v of schema.enum as unknown[]) types.add(v === null ? 'null' : typeof v);
  if (schema.const !== undefined) types.add(typeof schema.const);
  return types;
}

function branches(schema: Schema): Schema[] {
  const inner = [...((schema.anyOf as Schema[]) ?? []), ...((schema.oneOf as Schema[]) ?? [])];
  return inner.length === 0 ? [schema] : inner.flatMap(branches);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Values this schema refuses, each with a word for the test name. */
function badValues(schema: Schema): [string, unknown][] {
  const types = typesOf(schema);
  const all = branches(schema);
  const out: [string, unknown][] = [];
  const wrong = [true, 42, 'text', [1], { x: 1 }, null].filter((v) => !types.has(jsonType(v)));
  for (const value of wrong.slice(0, 2)) out.push([`a ${jsonType(value)}`, value]);
  const strings = all.filter((b) => b.type === 'string');
  if (strings.length > 0) {
    const longest = Math.max(...strings.map((b) => (b.maxLength as number | undefined) ?? 0));
    if (longest > 0) out.push([`${longest + 1} characters`, filler(longest + 1)]);
    if (longest > 0 && longest < 1024 * 1024)
      out.push([`1 MiB of characters`, filler(1024 * 1024)]);
    if (strings.every((b) => b.enum !== undefined || b.const !== undefined))
      out.push(['a value outside the enum', 'no-such-value']);
  }
  const numbers = all.filter((b) => b.type === 'number' || b.type === 'integer');
  for (const b of numbers) {
    if (typeof b.maximum === 'number') out.push(['above the maximum', b.maximum + 1]);
    if (typeof b.minimum === 'number') out.push(['below the minimum', b.minimum - 1]);
    if (b.type === 'integer' && !types.has('string')) out.push(['a fraction', 1.5]);
  }
  const objects = all.filter((b) => b.type === 'object' && b.additionalProperties === false);
  if (objects.length > 0) out.push(['an unknown field inside', { bogus_field: 1 }]);
  return out;
}

/** A plausible value for a required field, so each case has one problem of its own. */
function validFor(name: string, schema: Schema): unknown {
  const known: Record<string, unknown> = {
    id: 'cmcp-fuzz-nobody',
    path: '/tmp',
    name: 'cmcp-fuzz-renamed',
    body: { Image: 'busybox:local' },
    update: { CpuShares: 512 },
    files: [{ path: 'a.txt', content: 'x' }],
  };
  if (name in known) return known[name];
  const first = branches(schema)[0] ?? {};
  if (first.enum) return (first.enum as unknown[])[0];
  if (first.type === 'string') return 'x';
  if (first.type === 'number' || first.type === 'integer') return first.minimum ?? 1;
  if (first.type === 'boolean') return false;
  return {};
}

function casesFor(tool: { name: string; inputSchema: Schema }): Case[] {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, Schema>;
  const required = (tool.inputSchema.required ?? []) as string[];
  const base = Object.fromEntries(
    required.map((key) => [key, validFor(key, properties[key] ?? {})]),
  );
  const cases: Case[] = [];
  const add = (what: string, args: unknown): void => {
    const text = JSON.stringify(args) ?? '';
    cases.push({ tool: tool.name, what, args, slow: text.length >= SLOW_CHARS });
  };
  for (const [key, schema] of Object.entries(properties)) {
    for (const [what, value] of badValues(schema))
      add(`${key}: ${what}`, { ...base, [key]: value });
    // One level down, where a field is an object of its own (create's body, update's update).
    const inner = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [sub, subSchema] of Object.entries(inner).slice(0, 4))
      for (const [what, value] of badValues(subSchema).slice(0, 2))
        add(`${key}.${sub}: ${what}`, {
          ...base,
          [key]: { ...(base[key] as object), [sub]: value },
        });
  }
  if (required.length > 0) add('no arguments', {});
  add('an unknown field', { ...base, bogus_field: 1 });
  add('a huge unknown field name', { ...base, [filler(SLOW_CHARS)]: 1 });
  add('a "__proto__" field', JSON.parse(`{"__proto__": {"polluted": true}, "id": "x"}`) as unknown);
  add('arguments as an array', [1, 2]);
  add('arguments as a string', filler(SLOW_CHARS));
  return cases;
}

function expectClearError(result: CallToolResult, input: unknown): void {
  const text = textOf(result);
  expect(result.isError).toBe(true);
  expect(text.length).toBeGreaterThan(10);
  expect(text).not.toMatch(/\n\s+at /); // a stack trace
  expect(text).not.toContain('undefined');
  expect(text).not.toContain('[object Object]');
  expect(text).not.toContain(filler(ECHO_LIMIT + 1));
  if (typeof input === 'object' && input !== null)
    for (const value of Object.values(input as Record<string, unknown>))
      if (typeof value === 'string' && value.length > ECHO_LIMIT)
        expect(text).not.toContain(value.slice(0, ECHO_LIMIT + 1));
}

/** The fastest of three pings right after a slow case: a blocked server makes all three slow. */
async function pingMs(): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await session.client.ping();
    best = Math.min(best, performance.now() - started);
  }
  pings.push(best);
  return best;
}

async function send(name: unknown, args: unknown): Promise<CallToolResult> {
  return session.client.callRaw({ name, arguments: args });
}

describe('schema-derived bad calls, tool by tool', () => {
  it('covers every tool with a few hundred calls in all', () => {
    const all = tools.flatMap(casesFor);
    expect(new Set(all.map((c) => c.tool)).size).toBe(tools.length);
    expect(all.length).toBeGreaterThan(300);
    process.stderr.write(
      `fuzz: ${all.length} schema-derived bad calls over ${tools.length} tools\n`,
    );
  });

  it('answers each with a clear error, stays alive, and pings fast after slow cases', async () => {
    let slow = 0;
    for (const tool of tools) {
      for (const c of casesFor(tool)) {
        const result = await send(c.tool, c.args);
        try {
          expectClearError(result, c.args);
        } catch (error) {
          throw new Error(
            `${c.tool} with ${c.what}: ${textOf(result).slice(0, 500)}\n${String(error)}`,
            { cause: error },
          );
        }
        if (c.slow) {
          slow += 1;
          expect(await pingMs(), `ping after ${c.tool} with ${c.what}`).toBeLessThan(100);
        }
      }
    }
    expect(slow).toBeGreaterThan(25);
    expect(protocolErrors).toEqual([]);
  });

  it('answers names that are not tools, huge or not strings', async () => {
    const huge = await send(`container_${filler(1_000_000)}`, {});
    expectClearError(huge, {});
    expect(textOf(huge)).toMatch(/^Unknown tool "container_Qz/);
    expect(await pingMs()).toBeLessThan(100);
    expect(textOf(await send(42, {}))).toContain('tools/call needs params.name');
    // No arguments at all is a call like any other (the conformance suite makes one).
    expect(textOf(await send('container_inspect', undefined))).toContain('- id: required');
    // Nor does null: it reaches the tool's own check, not the SDK's request validator.
    expect(textOf(await send('container_inspect', null))).toContain('- id: required');
  });

  it('answers a 4 MiB signal and a backtracking grep pattern without blocking', async () => {
    const kill = await send('container_kill', { id: 'web', signal: filler(4 * 1024 * 1024) });
    expect(textOf(kill)).toContain('signal: Too big: expected string to have <=32 characters');
    expect(await pingMs()).toBeLessThan(100);
    // A log line that makes ^(a+)+$ backtrack exponentially in a JavaScript RegExp.
    const noisy = await createContainer({
      cmd: ['sh', '-c', `echo ${'a'.repeat(30)}!; sleep 3600`],
      labels: { 'container-mcp.fuzz': `${RUN_ID}-none` },
    });
    const [logs, ping] = await Promise.all([
      send('container_logs', { id: noisy.name, grep: '^(a+)+$' }),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return pingMs();
      })(),
    ]);
    expect(textOf(logs)).not.toContain('aaaa!');
    expect(logs.isError).toBeFalsy();
    expect(ping).toBeLessThan(100);
  });

  it('answers a message over the stdio limit with a JSON-RPC error naming it, and goes on', async () => {
    const archive = filler(11 * 1024 * 1024);
    const refused = await send('put_container_archive', { id: 'x', path: '/tmp', archive }).then(
      () => undefined,
      (error: unknown) => error as { code: number; message: string },
    );
    expect(refused?.code).toBe(-32600);
    expect(refused?.message).toContain("over this server's limit of 10 MiB for one stdio message");
    expect(await pingMs()).toBeLessThan(100);
    expect(session.stderr()).toContain('over the 10 MiB limit for one message');
  });

  it('says what the pings measured', () => {
    const sorted = [...pings].sort((a, b) => a - b);
    const at = (q: number): string => (sorted[Math.floor(q * (sorted.length - 1))] ?? 0).toFixed(1);
    // For the record (npm test's output): the pings after slow cases, in ms.
    process.stderr.write(
      `fuzz: ${pings.length} pings after slow cases: median ${at(0.5)} ms, max ${at(1)} ms\n`,
    );
    expect(pings.length).toBeGreaterThan(25);
  });
});

describe('raw junk on stdin', () => {
  it('answers junk with JSON-RPC errors, keeps stdout to protocol, and serves on', async () => {
    const child = spawn(process.execPath, [CLI], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const answered = (id: number): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (stdout.includes(`"id":${id}`)) resolve();
          else setTimeout(check, 20);
        };
        check();
      });
    const write = (line: string): boolean => child.stdin.write(`${line}\n`);
    write(JSON.stringify(INITIALIZE_MESSAGE));
    await answered(1);
    for (const junk of [
      'not json at all',
      '{"jsonrpc": "2.0", "id": 5',
      '[1, 2, 3]',
      '{"jsonrpc": "1.0", "id": 6, "method": "ping"}',
      '\u0000\u0001\u0002',
      `{"jsonrpc":"2.0","id":7,"method":"ping","params":{"x":"${filler(11 * 1024 * 1024)}"}}`,
    ])
      write(junk);
    write(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'ping' }));
    await answered(8);
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const lines = stdout.trim().split('\n');
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    const answers = lines.map(
      (line) => JSON.parse(line) as { id?: number; error?: { code: number } },
    );
    expect(answers.filter((a) => a.error?.code === -32700).length).toBe(3);
    expect(answers.find((a) => a.id === 6)?.error?.code).toBe(-32600);
    expect(answers.find((a) => a.id === 7)?.error?.code).toBe(-32600);
    expect(answers.find((a) => a.id === 8)).toMatchObject({ result: {} });
    expect(code).toBe(0);
    expect(stderr).toContain('stdio: stdin closed; shutting down');
  });
});

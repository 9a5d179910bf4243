/** --engine parsing, the engine registry, and the `engine` argument added to the tool table. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AddressError } from '../../src/engine/address.js';
import { EngineRegistry, enginesFor } from '../../src/engine/registry.js';
import { UsageError } from '../../src/config.js';
import { parseCommandLine } from '../../src/cli/parse.js';
import { withEngineArgument } from '../../src/mcp/engine-argument.js';
import { TOOLS } from '../../src/tools/index.js';

const parse = (...argv: string[]) => parseCommandLine(argv, {}).config;

describe('--engine NAME=ADDRESS', () => {
  it('keeps the engines in order, the first being the default', () => {
    expect(parse('--engine', 'a=unix:///a.sock', '--engine', 'b=ssh://me@box').engines).toEqual([
      { name: 'a', address: 'unix:///a.sock' },
      { name: 'b', address: 'ssh://me@box' },
    ]);
  });

  it.each([
    [['--engine', 'unix:///a.sock'], /is not NAME=ADDRESS/],
    [['--engine', 'a='], /is not NAME=ADDRESS/],
    [['--engine', 'a b=unix:///x'], /the name "a b" must be/],
    [['--engine', '*=unix:///x'], /the name "\*" must be/],
    [['--engine', 'a=unix:///x', '--engine', 'a=unix:///y'], /"a" is given twice/],
    [['--engine', 'a=unix:///x', '--host', 'unix:///y'], /--host and --engine do not go together/],
  ])('refuses %j', (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError);
    expect(() => parse(...argv)).toThrow(message);
  });
});

describe('enginesFor', () => {
  it('takes URLs as addresses and anything else as a Docker context', () => {
    const home = mkdtempSync(join(tmpdir(), 'cmcp-engines-'));
    try {
      const digest = createHash('sha256').update('prod').digest('hex');
      const meta = join(home, '.docker', 'contexts', 'meta', digest);
      mkdirSync(meta, { recursive: true });
      writeFileSync(
        join(meta, 'meta.json'),
        JSON.stringify({ Name: 'prod', Endpoints: { docker: { Host: 'ssh://ops@prod' } } }),
      );
      const engines = enginesFor(
        [
          { name: 'local', address: 'unix:///var/run/docker.sock' },
          { name: 'prod', address: 'prod' },
        ],
        {},
        { env: {}, home },
      );
      expect(engines.map((e) => [e.name, e.address.kind, e.address.source])).toEqual([
        ['local', 'unix', '--engine local'],
        ['prod', 'ssh', '--engine prod (context "prod")'],
      ]);
      expect(() => enginesFor([{ name: 'x', address: 'nope' }], {}, { env: {}, home })).toThrow(
        AddressError,
      );
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('gives a registry that finds engines by name', () => {
    const registry = new EngineRegistry(
      enginesFor(
        [
          { name: 'a', address: 'unix:///a.sock' },
          { name: 'b', address: 'tcp://127.0.0.1:2375' },
        ],
        {},
        { env: {} },
      ),
    );
    expect(registry.default.name).toBe('a');
    expect(registry.find('b')?.displayAddress).toBe('tcp://127.0.0.1:2375');
    expect(registry.find('c')).toBeUndefined();
    expect(registry.several).toBe(true);
  });
});

describe('withEngineArgument', () => {
  const config = (...names: string[]) =>
    parse(...names.flatMap((name) => ['--engine', `${name}=unix:///${name}.sock`]));

  it('leaves a one-engine table exactly as it is', () => {
    expect(withEngineArgument(TOOLS, config('only'))).toBe(TOOLS);
    expect(withEngineArgument(TOOLS, parse())).toBe(TOOLS);
  });

  it('adds an optional engine to every tool, keeping inputs strict', () => {
    const tools = withEngineArgument(TOOLS, config('a', 'b'));
    for (const tool of tools) {
      expect(
        tool.input.safeParse({}).error?.issues.some((i) => i.path[0] === 'engine'),
      ).toBeFalsy();
      expect(tool.input.safeParse({ engine: 'c' }).success, tool.name).toBe(false);
      expect(tool.input.safeParse({ bogus: 1 }).success, tool.name).toBe(false);
    }
    const list = tools.find((tool) => tool.name === 'container_list');
    expect(list?.input.safeParse({ engine: '*' }).success).toBe(true);
    const inspect = tools.find((tool) => tool.name === 'container_inspect');
    expect(inspect?.input.safeParse({ id: 'web', engine: 'b' }).success).toBe(true);
    expect(inspect?.input.safeParse({ id: 'web', engine: '*' }).success).toBe(false);
  });
});

/**
 * The house rules of src/, checked on the source itself: no value-import cycles, tool names
 * only in their own definitions, and a layer rule that really fails on an import that
 * breaks it (README, "Layout"; eslint/layers.js).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layersPlugin } from '../../eslint/layers.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports that load a module at run time (`import type` and `export type` do not). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(
    /^(?:import|export)\s+(type\s+)?([^'";]*?)from\s+'(\.[^']+)'/gm,
  )) {
    const [, typeOnly, names = '', source = ''] = match;
    if (typeOnly) continue;
    // `import { type A, type B }` is erased too.
    const inner = /\{([^}]*)\}/.exec(names)?.[1];
    const onlyTypes =
      inner !== undefined &&
      !/^\s*\w/.test(names.replace(/\{[^}]*\}/, '').replace(/,/g, '')) &&
      inner
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .every((part) => part.startsWith('type '));
    if (!onlyTypes) found.push(resolve(dirname(file), source).replace(/\.js$/, '.ts'));
  }
  for (const match of text.matchAll(/^import\s+'(\.[^']+)'/gm))
    found.push(resolve(dirname(file), match[1] ?? '').replace(/\.js$/, '.ts'));
  return found;
}

/** Every relative import, type-only ones included: a module pair that names each other is one concern split in two. */
function anyImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)].map((match) =>
    resolve(dirname(file), match[1] ?? '').replace(/\.js$/, '.ts'),
  );
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('src/', () => {
  const files = sourceFiles();

  it('has no value-import cycle', () => {
    const graph = new Map(files.map((file) => [file, valueImports(file)]));
    const cycle = findCycle(graph);
    expect(cycle?.map((file) => relative(SRC, file)).join(' -> ')).toBeUndefined();
  });

  it('has no import cycle, type imports included', () => {
    const graph = new Map(files.map((file) => [file, anyImports(file)]));
    const cycle = findCycle(graph);
    expect(cycle?.map((file) => relative(SRC, file)).join(' -> ')).toBeUndefined();
  });

  it('finds cycles where there are some (the check itself)', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
  });

  it('uses the MCP SDK of its current line only (no import of the 1.x package)', () => {
    const legacy = files
      .filter((file) => /from '@modelcontextprotocol\/sdk[/']/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(legacy).toEqual([]);
  });

  it('names a tool as a string only in its own definition', () => {
    const stray: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const own = /\bname: '([a-z_]+)',/.exec(text)?.[1];
      for (const match of text.matchAll(/['"`]((?:put_)?container_[a-z_]+)['"`]/g))
        if (match[1] !== own) stray.push(`${relative(SRC, file)}: ${match[0]}`);
    }
    expect(stray).toEqual([]);
  });
});

describe('the layer rule (eslint/layers.js)', () => {
  const eslint = new ESLint({
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { layers: layersPlugin },
        rules: { 'layers/imports': ['error', { srcRoot: SRC }] },
      },
    ],
  });
  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(SRC, file) });
    return (result?.messages ?? []).map((message) => message.message);
  };

  it.each([
    [
      'render/example.ts',
      "import { TOOLS } from '../tools/index.js';",
      /render may not import tools/,
    ],
    [
      'tools/attach/example.ts',
      "import { x } from '../lifecycle/kill.js';",
      /tools\/attach may not import tools\/lifecycle/,
    ],
    [
      'tools/files/example.ts',
      "import { x } from '../../resources/uri.js';",
      /tools\/files may not import resources/,
    ],
    [
      'safety/confirm/example.ts',
      "import type { x } from '../../tools/files/put-plan.js';",
      /safety may not import tools/,
    ],
    [
      'engine/api/example.ts',
      "import { x } from '../../render/units.js';",
      /engine may not import render/,
    ],
    [
      'mcp/example.ts',
      "export { x } from '../containers/state.js';",
      /mcp may not import containers/,
    ],
  ])('refuses %s: %s', async (file, code, message) => {
    expect(await lint(file, code)).toEqual([expect.stringMatching(message)]);
  });

  it("is on for every file in src/ in the project's own lint config", async () => {
    const project = new ESLint({ cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    const config = (await project.calculateConfigForFile(join(SRC, 'render/units.ts'))) as {
      rules: Record<string, unknown[]>;
    };
    expect(config.rules['layers/imports']?.[0]).toBe(2);
  });

  it('lets imports flow down', async () => {
    expect(
      await lint(
        'tools/lifecycle/example.ts',
        "import { x } from '../../containers/state.js';\nimport { y } from './kill.js';\nimport { z } from '../../mcp/define.js';",
      ),
    ).toEqual([]);
  });
});

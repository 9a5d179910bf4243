/**
 * The npm package as a user gets it: `npm pack` of the build, installed from the tarball
 * into an empty directory outside this checkout, offline with an empty cache (so nothing else
 * can be fetched), then `container-mcp --version`, `--check` and a tools/list over stdio. The
 * same tarball through npx and as a global install: --check's snippet names the command the
 * way the user installed it. Budgets: tarball under 1 MB, installed under 4 MB.
 */
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLS } from '../../src/tools/index.js';
import { engineUnderTest } from '../helpers/docker.js';
import { cleanEnv, listTools, pack, ROOT, run, scratch, type Packed } from '../helpers/package.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
};
const MB = 1024 * 1024;
const work = scratch('npm');
let packed: Packed;

beforeAll(async () => {
  packed = await pack(work.dir);
});
afterAll(() => work.remove());

/** npm, offline, with a cache of its own: an install that needs anything else fails. */
function npm(args: string[], cwd: string, cache: string) {
  return run('npm', [...args, '--offline', '--no-audit', '--no-fund', '--cache', cache], {
    cwd,
    env: cleanEnv(),
  });
}

function sizeOf(path: string): number {
  const stat = lstatSync(path); // a bin link is not a second copy
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/** The Claude Desktop line of --check's snippet, parsed. */
function desktopServer(stdout: string): { command: string; args?: string[]; env?: object } {
  const lines = stdout.split('\n');
  const json = lines[lines.findIndex((line) => line.includes('Claude Desktop')) + 1] ?? '';
  return (JSON.parse(json) as { mcpServers: { containers: { command: string; args?: string[] } } })
    .mcpServers.containers;
}

describe('the packed tarball', () => {
  it('holds the bundled program and what it reads, within budget', () => {
    expect(packed.files).toEqual(['LICENSE', 'README.md', pkg.bin[pkg.name], 'package.json']);
    expect(packed.size).toBeLessThan(1 * MB);
    expect(packed.unpackedSize).toBeLessThan(4 * MB);
  });

  it('depends on exactly the packages the bundle leaves out', () => {
    // The build's own account (scripts/bundle.ts): an import the bundle leaves as an import
    // of a package installed here was left out on purpose and must be a dependency; one that
    // is not installed is an optional require in a try (ws's bufferutil) the bundle could not
    // resolve. Whatever the bundle contains must not be fetched again at install.
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'cli.meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
    };
    const packageOf = (path: string) =>
      path
        .split('/')
        .slice(0, path.startsWith('@') ? 2 : 1)
        .join('/');
    const left = Object.values(meta.outputs)
      .flatMap((output) => output.imports)
      .filter((imported) => imported.external && !isBuiltin(imported.path))
      .map((imported) => packageOf(imported.path));
    const needed = [...new Set(left)].filter((name) =>
      existsSync(join(ROOT, 'node_modules', name, 'package.json')),
    );
    const dependencies = Object.keys(pkg.dependencies ?? {});
    expect(dependencies.sort(), 'package.json dependencies vs what dist/cli.js imports').toEqual(
      needed.sort(),
    );
    const inside = new Set(
      Object.keys(meta.inputs).flatMap((input) => {
        const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
        return match?.[1] ? [match[1]] : [];
      }),
    );
    expect(inside.size).toBeGreaterThan(0);
    for (const name of dependencies)
      expect(inside.has(name), `${name} is bundled into dist/cli.js: make it a devDependency`).toBe(
        false,
      );
  });
});

describe('installed from the tarball into an empty directory', () => {
  const app = scratch('install');
  afterAll(() => app.remove());
  const bin = join(app.dir, 'node_modules', '.bin', pkg.name);

  beforeAll(async () => {
    const started = Date.now();
    const installed = await npm(['install', packed.tarball], app.dir, join(app.dir, '.cache'));
    expect(installed.code, installed.stderr).toBe(0);
    // No lifecycle scripts (npm warns of those), no other package.
    expect(installed.stderr).not.toMatch(/install-scripts|ERR/);
    expect(readdirSync(join(app.dir, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual([
      pkg.name,
    ]);
    console.log(
      `package: tarball ${packed.size} B, unpacked ${packed.unpackedSize} B, installed ${sizeOf(join(app.dir, 'node_modules'))} B in ${Date.now() - started} ms`,
    );
  });

  it('is within the installed budget', () => {
    expect(sizeOf(join(app.dir, 'node_modules'))).toBeLessThan(4 * MB);
  });

  it('answers --version with the package version', async () => {
    const version = await run(bin, ['--version'], { cwd: app.dir });
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--check reaches the engine and gives a snippet that starts this install', async () => {
    const check = await run(bin, ['--check', '--read-only'], {
      cwd: app.dir,
      env: cleanEnv({ DOCKER_HOST: engineUnderTest() }),
    });
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toMatch(/\nREADY: the engine answers\.\n$/);
    const server = desktopServer(check.stdout);
    expect(server.args?.slice(-1)).toEqual(['--read-only']);
    const listed = await listTools({ ...server, env: { DOCKER_HOST: engineUnderTest() } });
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(TOOLS.length);
  });

  it('lists every tool over stdio', async () => {
    const listed = await listTools({ command: bin, cwd: app.dir, env: cleanEnv() });
    expect(listed).toEqual(TOOLS.map((tool) => tool.name));
  });
});

describe('through npx and as a global install', () => {
  const place = scratch('npx');
  afterAll(() => place.remove());

  it('npx runs the package, and --check gives `npx -y container-mcp` with the flags', async () => {
    const ran = await run(
      'npx',
      [
        '--yes',
        '--offline',
        '--cache',
        join(place.dir, '.cache'),
        '--package',
        packed.tarball,
        '--',
        pkg.name,
        '--check',
        '--no-destructive',
      ],
      { cwd: place.dir, env: cleanEnv({ DOCKER_HOST: engineUnderTest() }) },
    );
    expect(ran.code, ran.stderr).toBe(0);
    expect(desktopServer(ran.stdout)).toEqual({
      command: 'npx',
      args: ['-y', pkg.name, '--no-destructive'],
      env: { DOCKER_HOST: engineUnderTest() },
    });
    expect(ran.stdout).toContain(
      `claude mcp add -e DOCKER_HOST=${engineUnderTest()} containers -- npx -y ${pkg.name} --no-destructive`,
    );
  });

  it('a global install gives the bare command', async () => {
    const prefix = join(place.dir, 'global');
    const installed = await npm(
      ['install', '--global', '--prefix', prefix, packed.tarball],
      place.dir,
      join(place.dir, '.cache-global'),
    );
    expect(installed.code, installed.stderr).toBe(0);
    const bin = join(prefix, 'bin');
    const env = cleanEnv({
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      DOCKER_HOST: engineUnderTest(),
    });
    const check = await run(pkg.name, ['--check'], { cwd: place.dir, env });
    expect(check.code, check.stderr).toBe(0);
    expect(desktopServer(check.stdout)).toEqual({
      command: pkg.name,
      env: { DOCKER_HOST: engineUnderTest() },
    });
    const listed = await listTools({ command: pkg.name, env });
    expect(listed).toEqual(TOOLS.map((tool) => tool.name));
  });
});

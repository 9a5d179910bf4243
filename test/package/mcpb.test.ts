/**
 * The desktop bundle: built by scripts/package/mcpb.ts with the official mcpb tool (which
 * validates the manifest), unpacked by that tool, then started as a desktop client starts it:
 * the manifest's command and args with the user's settings substituted by the tool's own
 * getMcpConfigForManifest (the code Claude Desktop loads bundles with), and a tools/list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMcpConfigForManifest } from '@anthropic-ai/mcpb/node';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAGS } from '../../src/cli/flags.js';
import { parseCommandLine } from '../../src/cli/parse.js';
import { applyToolPolicy } from '../../src/safety/policy/tool-filter.js';
import { TOOLS } from '../../src/tools/index.js';
import {
  createContainer,
  engineUnderTest,
  removeTestContainers,
  RUN_ID,
} from '../helpers/docker.js';
import { ROOT, run, scratch } from '../helpers/package.js';
import { listedNames } from '../helpers/rows.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
};
const MCPB = join(ROOT, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js');
const work = scratch('mcpb');
const bundle = join(work.dir, `${pkg.name}.mcpb`);
const unpacked = join(work.dir, 'installed');
/** The parts of the manifest this test reads. */
interface Manifest {
  name: string;
  version: string;
  server: {
    entry_point: string;
    mcp_config: { command: string; args?: string[]; env?: Record<string, string> };
  };
  tools?: { name: string }[];
  user_config?: Record<string, { default?: unknown }>;
}
let manifest: Manifest;

beforeAll(async () => {
  const built = await run(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(ROOT, 'scripts', 'package', 'mcpb.ts'), bundle],
    { cwd: ROOT },
  );
  expect(built.code, built.stdout + built.stderr).toBe(0);
  expect(built.stdout).toContain('Manifest schema validation passes!');
  const opened = await run(process.execPath, [MCPB, 'unpack', bundle, unpacked], { cwd: work.dir });
  expect(opened.code, opened.stderr).toBe(0);
  manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as Manifest;
});
afterAll(async () => {
  work.remove();
  await removeTestContainers();
});

/** What a desktop client runs for these settings: command, args and env, substituted. */
async function desktopLaunch(userConfig: Record<string, string | boolean>) {
  const launch = await getMcpConfigForManifest({
    manifest: manifest as Parameters<typeof getMcpConfigForManifest>[0]['manifest'],
    extensionPath: unpacked,
    systemDirs: { HOME: work.dir, DESKTOP: work.dir, DOCUMENTS: work.dir, DOWNLOADS: work.dir },
    userConfig,
    pathSeparator: '/',
  });
  if (!launch) throw new Error('the manifest gave no launch configuration');
  expect(JSON.stringify(launch)).not.toContain('${');
  // A node bundle runs on the client's own Node.
  const command = launch.command === 'node' ? process.execPath : launch.command;
  return { command, args: launch.args ?? [], env: launch.env ?? {} };
}

async function connect(userConfig: Record<string, string | boolean>): Promise<Client> {
  const client = new Client({ name: 'desktop', version: '0' });
  await client.connect(
    new StdioClientTransport({ ...(await desktopLaunch(userConfig)), stderr: 'pipe' }),
  );
  return client;
}

describe('the .mcpb bundle', () => {
  it('describes this package: its version, its entry, every tool', () => {
    expect(manifest).toMatchObject({ name: pkg.name, version: pkg.version });
    expect(manifest.server.entry_point).toBe(pkg.bin[pkg.name]);
    expect(manifest.server.mcp_config.args).toEqual([`\${__dirname}/${pkg.bin[pkg.name]}`]);
    expect(manifest.tools?.map((tool) => tool.name)).toEqual(TOOLS.map((tool) => tool.name));
  });

  it('maps every setting to a variable the server reads, each with a default', () => {
    const read = new Set(['DOCKER_HOST', 'DOCKER_CONTEXT', ...FLAGS.flatMap((f) => f.env ?? [])]);
    const env = manifest.server.mcp_config.env ?? {};
    expect(new Set(Object.keys(env))).toEqual(read);
    for (const [key, setting] of Object.entries(manifest.user_config ?? {})) {
      expect(setting.default, key).toBeDefined();
      expect(Object.values(env)).toContain(`\${user_config.${key}}`);
    }
  });

  it('starts as a desktop client starts it, with the default settings: every tool', async () => {
    const client = await connect({ docker_host: engineUnderTest() });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(TOOLS.map((tool) => tool.name));
    } finally {
      await client.close();
    }
  });

  it('applies the settings a user chose: read-only and a scope label', async () => {
    const scope = `cmcp.mcpb=${RUN_ID}`;
    const [inside] = await Promise.all([
      createContainer({ labels: { 'cmcp.mcpb': RUN_ID } }),
      createContainer(),
    ]);
    const client = await connect({
      docker_host: engineUnderTest(),
      read_only: true,
      scope_label: scope,
    });
    try {
      const { tools } = await client.listTools();
      const readOnly = applyToolPolicy(TOOLS, parseCommandLine(['--read-only']).config);
      expect(tools.map((tool) => tool.name)).toEqual(readOnly.map((tool) => tool.name));
      const listed = await client.callTool({ name: 'container_list', arguments: { all: true } });
      expect(listedNames(listed as CallToolResult)).toEqual([inside?.name]);
    } finally {
      await client.close();
    }
  });
});

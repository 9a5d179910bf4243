/**
 * `container-mcp --check` against the engine under test, an engine that is down and several
 * engines: what it prints (on stdout only) matches the engines' own answers and what a real
 * client is then offered, and its client snippet starts a working server as pasted.
 */
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  engineUnderTest,
  removeTestContainers,
  RUN_ID,
} from '../helpers/docker.js';
import { serverApiVersion } from '../helpers/engine-level.js';
import { freshSocketPath } from '../helpers/fake-engine.js';
import { runCli, startServer } from '../helpers/mcp.js';

const SCOPE = `cmcp.check=${RUN_ID}`;
const DOWN = `unix://${freshSocketPath()}`;

beforeAll(async () => {
  // In scope: one running, one never started; the counts --check reports are these.
  await Promise.all([
    createContainer({ labels: { 'cmcp.check': RUN_ID } }),
    createContainer({ labels: { 'cmcp.check': RUN_ID }, start: false }),
  ]);
});
afterAll(() => removeTestContainers());

/** The lines of the section that starts with `heading`, up to the next blank line. */
function section(stdout: string, heading: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  expect(start, `no "${heading}" in:\n${stdout}`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

describe('--check against the engine under test', () => {
  it('names the engine, how it was found, its version, the API negotiated and its containers', async () => {
    const version = await docker<{ Version: string; ApiVersion: string }>('GET', '/version');
    const run = await runCli(['--check', '--scope-label', SCOPE], {
      env: { DOCKER_HOST: engineUnderTest() },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stderr).toBe('');
    const engine = section(run.stdout, 'Engine: ');
    expect(engine[0]).toBe(`Engine: ${engineUnderTest()}`);
    expect(engine).toContain('  resolved:    from DOCKER_HOST');
    expect(engine.find((l) => l.startsWith('  engine:'))).toContain(version.body.Version);
    expect(engine).toContain(
      `  api:         API ${await serverApiVersion()} negotiated (the engine speaks ${version.body.ApiVersion}, this server up to 1.45)`,
    );
    expect(engine).toContain(`  containers:  1 running, 2 in all labelled ${SCOPE}`);
    expect(run.stdout).toMatch(/\nREADY: the engine answers\.\n$/);
  });

  it('lists exactly the tools a client is offered, and the policy that chose them', async () => {
    const flags = ['--read-only', '--deny-tools', 'container_export'];
    const run = await runCli(['--check', ...flags], { env: { DOCKER_HOST: engineUnderTest() } });
    const session = await startServer({ args: flags });
    try {
      const offered = (await session.client.listTools()).tools.map((tool) => tool.name);
      const listed = section(run.stdout, 'Tools offered: ')
        .slice(1)
        .join(' ')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      expect(listed.sort()).toEqual(offered.sort());
      expect(section(run.stdout, 'Policy')).toContain(
        '  tools:         read-only (--read-only); never container_export (--deny-tools)',
      );
    } finally {
      await session.close();
    }
  });

  it('marks the tools that wait for a confirmation', async () => {
    const run = await runCli(['--check', '--confirm', 'write'], {
      env: { DOCKER_HOST: engineUnderTest() },
    });
    const tools = section(run.stdout, 'Tools offered: ');
    expect(tools[0]).toMatch(/\(\* waits for a confirmation\)/);
    const names = tools.slice(1).join(' ');
    expect(names).toContain('container_start*');
    expect(names).toMatch(/container_list,/);
    expect(section(run.stdout, 'Policy').join('\n')).toContain(
      'confirmation:  every state-changing call (--confirm write)',
    );
  });

  it('gives a client snippet that starts a working server as pasted', async () => {
    const run = await runCli(['--check', '--read-only'], {
      env: { DOCKER_HOST: engineUnderTest() },
    });
    const lines = run.stdout.split('\n');
    const json = lines[lines.findIndex((l) => l.includes('Claude Desktop')) + 1] ?? '';
    const config = JSON.parse(json) as {
      mcpServers: { containers: { command: string; args: string[]; env: Record<string, string> } };
    };
    const server = config.mcpServers.containers;
    expect(server.args.slice(-1)).toEqual(['--read-only']);
    expect(server.env).toMatchObject({ DOCKER_HOST: engineUnderTest() });
    // As a client would start it: this command, these arguments, only this environment.
    const client = new Client({ name: 'pasted', version: '0' });
    await client.connect(
      new StdioClientTransport({
        command: server.command,
        args: server.args,
        env: server.env,
        stderr: 'ignore',
      }),
    );
    try {
      const result = await client.callTool({ name: 'container_list', arguments: { limit: 1 } });
      expect(result.isError).toBeFalsy();
      const { tools } = await client.listTools();
      expect(tools.some((tool) => tool.name === 'container_delete')).toBe(false);
    } finally {
      await client.close();
    }
  });
});

describe('--check against an engine that is down', () => {
  it('exits 1, saying why and what to do, on stdout', async () => {
    const run = await runCli(['--check', '--host', DOWN]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const engine = section(run.stdout, 'Engine: ');
    expect(engine).toContain('  resolved:    from --host');
    expect(engine).toContain(
      `  FAILED:      cannot reach the Docker engine at ${DOWN} (ENOENT: no socket at that path: is Docker running?)`,
    );
    expect(engine.find((l) => l.startsWith('  fix:'))).toMatch(/start the engine .*--host/);
    expect(run.stdout).toMatch(
      /\nNOT READY: the engine does not answer; see FAILED and fix above\./,
    );
  });

  it('exits 2 when the address cannot even be resolved', async () => {
    const run = await runCli(['--check', '--context', `no-such-context-${RUN_ID}`]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      /\nNOT READY: Docker context "no-such-context-[^"]+" not found .*"docker context ls" lists the contexts\n$/,
    );
  });
});

describe('--check with several engines', () => {
  it('reports each one, and is ready only when all answer', async () => {
    const engine = engineUnderTest();
    const mixed = await runCli([
      '--check',
      '--engine',
      `here=${engine}`,
      '--engine',
      `gone=${DOWN}`,
    ]);
    expect(mixed.code).toBe(1);
    const here = section(mixed.stdout, 'Engine "here" (the default): ');
    expect(here[0]).toBe(`Engine "here" (the default): ${engine}`);
    expect(here).toContain('  resolved:    from --engine here');
    expect(here.find((l) => l.startsWith('  api:'))).toContain(await serverApiVersion());
    const gone = section(mixed.stdout, 'Engine "gone": ');
    expect(gone.find((l) => l.startsWith('  FAILED:'))).toContain(`at ${DOWN} (ENOENT`);
    expect(mixed.stdout).toMatch(/Tools offered: \d+.*; each takes an `engine` argument/);
    expect(mixed.stdout).toMatch(/\nNOT READY: 1 of 2 engines does not answer \("gone"\)/);

    const both = await runCli(['--check', '--engine', `a=${engine}`, '--engine', `b=${engine}`]);
    expect(both.code).toBe(0);
    expect(both.stdout).toMatch(/\nREADY: all 2 engines answer\.\n$/);
  });
});

/**
 * The packaging tier's tools: pack the project as npm publishes it, run commands in a clean
 * environment (none of the parent npm's settings, no NODE_PATH: a test starts from the
 * artifact, never from this checkout), and list a server's tools as a client would.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment a user's shell would give: this one less npm's own variables. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && !/^npm_/i.test(key) && key !== 'NODE_PATH') env[key] = value;
  return { ...env, ...extra };
}

export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh directory outside the checkout (no node_modules of the project above it). */
export function scratch(what: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `container-mcp-${what}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Packed {
  tarball: string;
  files: string[];
  size: number;
  unpackedSize: number;
}

/** `npm pack` of the build `npm test` made (--ignore-scripts: prepack would build again). */
export async function pack(destination: string): Promise<Packed> {
  const result = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
    { cwd: ROOT },
  );
  if (result.code !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
  const [packed] = JSON.parse(result.stdout) as {
    filename: string;
    files: { path: string }[];
    size: number;
    unpackedSize: number;
  }[];
  if (!packed) throw new Error(`npm pack printed no package: ${result.stdout}`);
  return {
    tarball: join(destination, packed.filename),
    files: packed.files.map((file) => file.path).sort(),
    size: packed.size,
    unpackedSize: packed.unpackedSize,
  };
}

/** Start a server as a client's configuration says, and list its tools' names. */
export async function listTools(server: {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
}): Promise<string[]> {
  const client = new Client({ name: 'container-mcp-package-test', version: '0' });
  await client.connect(
    new StdioClientTransport({ ...server, args: server.args ?? [], stderr: 'pipe' }),
  );
  try {
    return (await client.listTools()).tools.map((tool) => tool.name);
  } finally {
    await client.close();
  }
}

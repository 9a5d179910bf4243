/**
 * A real MCP client (./clients.ts: either protocol era) talking to the built server over
 * stdio, spawned as a user's MCP host would spawn it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectStdio, type Era, type TestClient } from './clients.js';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** A raw initialize request, for tests that speak the protocol by hand. */
export const INITIALIZE_MESSAGE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'raw', version: '0' },
  },
};

export interface Session {
  client: TestClient;
  /** Everything the server wrote to stderr so far. */
  stderr: () => string;
  close: () => Promise<void>;
}

export interface StartOptions {
  args?: string[];
  env?: Record<string, string>;
  /** The client's capabilities, e.g. { elicitation: { form: {} } }. */
  capabilities?: Record<string, unknown>;
  /** The protocol era (default: CONTAINER_MCP_TEST_ERA, else 2026-07-28). */
  era?: Era;
  /** The server's working directory (clients start servers in the project's folder). */
  cwd?: string;
}

/**
 * Tests of a tool's own behaviour call destructive tools directly, so servers start with
 * confirmation off unless a test asks for it by passing its own --confirm (the confirmation
 * tests do).
 */
const CONFIRMATION_OFF = ['--confirm', 'none'];

export async function startServer(options: StartOptions = {}): Promise<Session> {
  const args = options.args ?? [];
  let stderr = '';
  const client = await connectStdio(
    {
      command: process.execPath,
      args: [CLI, ...(args.includes('--confirm') ? [] : CONFIRMATION_OFF), ...args],
      env: {
        ...(process.env as Record<string, string>),
        CONTAINER_MCP_CHECK_OUTPUT: '1',
        ...options.env,
      },
      ...(options.cwd !== undefined && { cwd: options.cwd }),
    },
    {
      ...(options.era && { era: options.era }),
      ...(options.capabilities && { capabilities: options.capabilities }),
    },
    (chunk) => (stderr += chunk),
  );
  return { client, stderr: () => stderr, close: () => client.close() };
}

export async function call(
  session: Session,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await session.client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The text of a result's first content block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}

/** The structured content, typed for the test. */
export function dataOf<T>(result: CallToolResult): T {
  if (result.isError) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the built CLI to its end (--help, start-up refusals), with `input` on stdin. The
 * environment's CONTAINER_MCP_TOKEN is left out so that tests of token handling start clean.
 */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const { CONTAINER_MCP_TOKEN: _drop, ...inherited } = process.env;
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...inherited, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input);
  });
}

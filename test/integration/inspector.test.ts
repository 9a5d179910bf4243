/**
 * Smoke test with another real client: the MCP Inspector's CLI (pinned
 * @modelcontextprotocol/inspector-cli, the client `npx @modelcontextprotocol/inspector
 * --cli` runs) lists the tools and calls container_list, over stdio and over HTTP. It cannot
 * send a bearer token, so over HTTP it goes through the token-adding loopback proxy.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthProxy, type AuthProxy } from '../helpers/auth-proxy.js';
import {
  createContainer,
  removeTestContainers,
  FILE_LABEL,
  type TestContainer,
} from '../helpers/docker.js';
import { startHttpServer, type HttpServer } from '../helpers/http.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CLI } from '../helpers/mcp.js';
import { listedNames } from '../helpers/rows.js';

const INSPECTOR = fileURLToPath(
  new URL('../../node_modules/@modelcontextprotocol/inspector-cli/build/index.js', import.meta.url),
);

function inspector(target: string[], args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [INSPECTOR, ...target, ...args],
      { timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`inspector failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as unknown);
      },
    );
  });
}

let container: TestContainer;
let server: HttpServer;
let proxy: AuthProxy;

beforeAll(async () => {
  container = await createContainer();
  server = await startHttpServer();
  proxy = await startAuthProxy(new URL(server.url).origin, server.token);
});
afterAll(async () => {
  await proxy.close();
  await server.stop();
  await removeTestContainers();
});

const targets: [string, () => string[]][] = [
  ['stdio', () => [process.execPath, CLI]],
  ['Streamable HTTP', () => [`${proxy.origin}/mcp`]],
];

describe.each(targets)('the MCP Inspector CLI over %s', (_name, target) => {
  it('lists the tools', async () => {
    const listed = (await inspector(target(), ['--method', 'tools/list'])) as {
      tools: { name: string }[];
    };
    expect(listed.tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['container_list', 'container_inspect']),
    );
  });

  it('calls container_list and sees the test container', async () => {
    const filters = JSON.stringify({ label: [FILE_LABEL] });
    const result = (await inspector(target(), [
      '--method',
      'tools/call',
      '--tool-name',
      'container_list',
      '--tool-arg',
      `filters=${filters}`,
    ])) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(listedNames(result)).toEqual([container.name]);
  });
});

/**
 * The MCP conformance suite (@modelcontextprotocol/conformance, pinned) against the real
 * server over HTTP. The suite cannot send a bearer token, so it talks through a loopback
 * proxy that adds one and passes Host and Origin through untouched: the server keeps every
 * check on (dns-rebinding-protection runs against it). Scenarios that need the suite's own
 * reference server are listed, each with its reason, in test/conformance/expected-failures.yaml.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { startAuthProxy } from '../helpers/auth-proxy.js';
import { startHttpServer } from '../helpers/http.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SUITE = join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const BASELINE = join(root, 'test/conformance/expected-failures.yaml');

function runSuite(url: string, outDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [SUITE, 'server', '--url', url, '--expected-failures', BASELINE, '-o', outDir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

it('passes the conformance suite but for the reference-server scenarios', async () => {
  const server = await startHttpServer();
  const proxy = await startAuthProxy(new URL(server.url).origin, server.token);
  const outDir = mkdtempSync(join(tmpdir(), 'cmcp-conformance-'));
  try {
    const { code, output } = await runSuite(`${proxy.origin}/mcp`, outDir);
    expect(output).not.toContain('Unexpected failures');
    expect(output).not.toContain('Stale baseline entries');
    for (const scenario of [
      'server-initialize',
      'ping',
      'tools-list',
      'server-sse-multiple-streams',
      'dns-rebinding-protection',
    ])
      expect(output).toMatch(new RegExp(`✓ ${scenario}: \\d+ passed, 0 failed`));
    expect({ code, output }).toMatchObject({ code: 0 });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    await proxy.close();
    await server.stop();
  }
});

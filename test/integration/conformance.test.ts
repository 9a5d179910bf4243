/**
 * The MCP conformance suite (@modelcontextprotocol/conformance, pinned) against the built
 * server over HTTP, for both requirement sets: 2026-07-28 and 2025-11-25. The suite needs
 * Node 22 (scripts/node22.sh fetches a pinned binary; the server stays on Node 20). It cannot
 * send a bearer token, so it talks through a loopback proxy that adds one and passes Host and
 * Origin through untouched: the server keeps every check on (dns-rebinding-protection runs
 * against it). Checks that call the suite's own reference fixtures are listed, each with its
 * reason, in test/conformance/expected-failures.<revision>.yaml; the scenarios about the
 * protocol itself are named here and must pass.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAuthProxy } from '../helpers/auth-proxy.js';
import { startHttpServer } from '../helpers/http.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SUITE = join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');

let node22 = '';
beforeAll(() => {
  node22 = execFileSync(join(root, 'scripts/node22.sh'), { encoding: 'utf8' }).trim();
}, 120_000);

function runSuite(
  url: string,
  revision: string,
  outDir: string,
): Promise<{ code: number | null; output: string }> {
  const baseline = join(root, `test/conformance/expected-failures.${revision}.yaml`);
  return new Promise((resolve) => {
    const child = spawn(
      node22,
      [
        SUITE,
        'server',
        '--url',
        url,
        '--requirements',
        revision,
        '--expected-failures',
        baseline,
        '-o',
        outDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

const PROTOCOL: Record<string, string[]> = {
  '2026-07-28': [
    'tools-list',
    'tools-call-simple-text',
    'tools-call-error',
    'completion-complete',
    'resources-list',
    'prompts-list',
    'caching',
    'sep-2164-resource-not-found',
    'server-sse-multiple-streams',
    'dns-rebinding-protection',
    'input-required-result-unsupported-methods',
    'input-required-result-ignore-extra-params',
  ],
  '2025-11-25': [
    'server-initialize',
    'ping',
    'tools-list',
    'tools-call-simple-text',
    'tools-call-error',
    'completion-complete',
    'resources-list',
    'prompts-list',
    'server-sse-multiple-streams',
    'dns-rebinding-protection',
  ],
};

describe.each(Object.keys(PROTOCOL))('the conformance suite, --requirements %s', (revision) => {
  it('passes every protocol scenario; only reference-fixture checks fail', async () => {
    const server = await startHttpServer();
    const proxy = await startAuthProxy(new URL(server.url).origin, server.token);
    const outDir = mkdtempSync(join(tmpdir(), 'cmcp-conformance-'));
    try {
      const { code, output } = await runSuite(`${proxy.origin}/mcp`, revision, outDir);
      expect(output).not.toContain('Unexpected failures');
      expect(output).not.toContain('Stale baseline entries');
      for (const scenario of PROTOCOL[revision] ?? [])
        expect(output).toMatch(new RegExp(`✓ ${scenario}: [1-9]\\d* passed, 0 failed`));
      // The scenarios with fixture checks: every other check in them passes.
      if (revision === '2026-07-28') {
        expect(output).toMatch(/server-stateless: (2[0-9]) passed, 2 failed/);
      }
      expect({ code, output }).toMatchObject({ code: 0 });
    } finally {
      rmSync(outDir, { recursive: true, force: true });
      await proxy.close();
      await server.stop();
    }
  }, 240_000);
});

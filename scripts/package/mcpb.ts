/**
 * Build the desktop bundle: the files the npm package publishes (as `npm pack` lists them),
 * plus a manifest.json (./mcpb-manifest.ts), validated and zipped by the official mcpb tool
 * (`@anthropic-ai/mcpb`, a devDependency). `npm run mcpb` builds first; the packaging test
 * runs this on the build `npm test` made. Writes dist/container-mcp.mcpb, or the path given.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleManifest } from './mcpb-manifest.js';
import { packedFiles } from './packed-files.js';

const rootUrl = new URL('../../', import.meta.url);
const root = fileURLToPath(rootUrl);
const out = resolve(process.argv[2] ?? join(root, 'dist', 'container-mcp.mcpb'));
const mcpb = join(root, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js');

const stage = mkdtempSync(join(tmpdir(), 'container-mcp-mcpb-'));
try {
  for (const file of packedFiles(root)) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    cpSync(join(root, file), join(stage, file));
  }
  writeFileSync(
    join(stage, 'manifest.json'),
    `${JSON.stringify(bundleManifest(rootUrl), null, 2)}\n`,
  );
  execFileSync(process.execPath, [mcpb, 'validate', join(stage, 'manifest.json')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  mkdirSync(dirname(out), { recursive: true });
  execFileSync(process.execPath, [mcpb, 'pack', stage, out], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
} finally {
  rmSync(stage, { recursive: true, force: true });
}

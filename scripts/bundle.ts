/**
 * Bundle tsc's dist/cli.js and everything it imports (our modules and the dependencies) into
 * that one file. Node 20 spends most of a cold start resolving, reading and compiling
 * hundreds of small ESM files (zod, the SDK, undici); one file starts in about half the time
 * (bench/NOTES.md). Nothing else imports from dist/, so the other modules are left as they are.
 * The tools' JSON Schemas are computed here and embedded, so start-up need not convert them.
 *
 * The build's metafile is kept next to it (dist/cli.meta.json, not published): what the bundle
 * left as imports is what the published package must still depend on, and the packaging test
 * reads it from there rather than from a list of names (test/package/npm.test.ts).
 */
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../src/config.js';
import type { Tool } from '../src/mcp/define.js';
import { convertSchema } from '../src/mcp/listing.js';
import { CONFIRM_VARIANT, type ToolSchemas } from '../src/mcp/precomputed-schemas.js';
import { withConfirmation } from '../src/safety/confirm/tools.js';
import { TOOLS } from '../src/tools/index.js';

const entry = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

// tools/list's JSON Schemas, computed here once instead of at every start
// (src/mcp/precomputed-schemas.ts): each tool's own, and each as a confirmation widens it
// (a `confirm` argument, the confirmation's answer in its output) for every tool some
// --confirm mode guards.
const converted = (tool: Tool): ToolSchemas => ({
  input: convertSchema(tool.input, 'input'),
  ...(tool.output && { output: convertSchema(tool.output, 'output') }),
});
const everyWriter = {
  ...DEFAULT_CONFIG,
  confirm: { ...DEFAULT_CONFIG.confirm, mode: { kind: 'write' as const } },
};
const guarded = withConfirmation(TOOLS, everyWriter).filter((tool, index) => tool !== TOOLS[index]);
const schemas: Record<string, ToolSchemas> = Object.fromEntries([
  ...TOOLS.map((tool) => [tool.name, converted(tool)] as const),
  ...guarded.map((tool) => [`${tool.name}${CONFIRM_VARIANT}`, converted(tool)] as const),
]);

const result = await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Smaller source compiles faster; names are kept so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  // CommonJS dependencies (undici, tar-stream) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __cmcpCreateRequire } from 'node:module'; const require = __cmcpCreateRequire(import.meta.url);",
  },
  define: { __CONTAINER_MCP_TOOL_SCHEMAS__: JSON.stringify(JSON.stringify(schemas)) },
  logLevel: 'warning',
  metafile: true,
});
writeFileSync(entry.replace(/\.js$/, '.meta.json'), JSON.stringify(result.metafile));

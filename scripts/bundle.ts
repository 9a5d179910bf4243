/**
 * Bundle tsc's dist/cli.js and everything it imports (our modules and the dependencies) into
 * that one file. Node 20 spends most of a cold start resolving, reading and compiling
 * hundreds of small ESM files (zod, the SDK, undici); one file starts in about half the time
 * (bench/NOTES.md). Nothing else imports from dist/, so the other modules are left as they are.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

await build({
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
  logLevel: 'warning',
});

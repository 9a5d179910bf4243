import type { Readable } from 'node:stream';
import { z } from 'zod';
import { exportContainer } from '../../engine/api/archive.js';
import { rethrowBroken } from '../../engine/index.js';
import { summarizeTar, type TarSummary } from '../../engine/tar-summary.js';
import { renderTable } from '../../render/table.js';
import { formatBytesSI } from '../../render/units.js';
import { defineTool, type ToolContext } from '../../mcp/define.js';
import { containerId, PATH_CHARS } from '../../containers/inputs.js';
import { resolveSaveTarget, saveStream } from './save-target.js';

const TOP_LEVEL = 20;
const LARGEST = 10;
/** Progress is reported every this many bytes (the total is unknown until the end). */
const PROGRESS_STEP = 16 * 1024 * 1024;

const summarySchema = z.object({
  entries: z.number(),
  types: z.record(z.string(), z.number()).describe('Entries per type'),
  content_bytes: z.number().describe("Sum of regular files' sizes"),
  tar_bytes: z.number().describe('Size of the exported tar'),
  top_level: z
    .array(z.object({ name: z.string(), bytes: z.number(), entries: z.number() }))
    .describe(`The ${TOP_LEVEL} largest top-level directories and files`),
  top_level_count: z.number(),
  largest_files: z.array(z.object({ path: z.string(), bytes: z.number() })),
});

export const containerExport = defineTool({
  name: 'container_export',
  title: "Export a container's filesystem",
  description:
    "Export a container's whole filesystem (running or stopped) as `docker export` does. Without save_to: a summary of the tar (entries, total size, the largest top-level directories and files), read as a stream and never held in memory. " +
    'With save_to: the tar is written to that file on the machine running this server (inside its --export-dir only, never over an existing file) and the answer gives its path, size and sha256.',
  input: z.strictObject({
    id: containerId,
    save_to: z
      .string()
      .min(1)
      .max(PATH_CHARS)
      .optional()
      .describe(
        'A new file name inside the server\'s --export-dir (relative to it, or absolute), e.g. "web.tar"',
      ),
  }),
  output: z.object({
    container: z.string(),
    saved: z
      .object({ path: z.string(), bytes: z.number(), sha256: z.string() })
      .optional()
      .describe('With save_to: the file written'),
    summary: summarySchema.optional().describe('Without save_to: what the export holds'),
  }),
  effects: { always: [], targets: { one: 'id' } },
  async run({ id, save_to }, ctx) {
    const target =
      save_to === undefined ? undefined : await resolveSaveTarget(ctx.config.exportDir, save_to);
    if (target && !target.ok) return { isError: true, text: `Cannot save: ${target.problem}` };
    const response = await ctx.engine.request(exportContainer, {
      params: { id },
      signal: ctx.signal,
    });
    reportProgress(response.body, ctx);
    // A cut or a quiet engine mid-tar is worded as every broken engine answer is.
    const broke = rethrowBroken(response.context);
    if (target) {
      const saved = await saveStream(response.body, target.path).catch(broke);
      return {
        text: `Exported ${id} to ${saved.path}: ${formatBytesSI(saved.bytes)} (${saved.bytes} bytes), sha256 ${saved.sha256}`,
        data: { container: id, saved },
      };
    }
    const summary = await summarizeTar(response.body, {
      topLevel: TOP_LEVEL,
      largestFiles: LARGEST,
    }).catch(broke);
    return { text: renderSummary(id, summary), data: { container: id, summary: toData(summary) } };
  },
});

function reportProgress(body: Readable, ctx: ToolContext): void {
  let bytes = 0;
  let reported = 0;
  body.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes - reported < PROGRESS_STEP) return;
    reported = bytes;
    void ctx.progress(bytes, undefined, `${formatBytesSI(bytes)} exported`);
  });
}

function toData(summary: TarSummary): z.output<typeof summarySchema> {
  return {
    entries: summary.entries,
    types: summary.types,
    content_bytes: summary.contentBytes,
    tar_bytes: summary.tarBytes,
    top_level: summary.topLevel,
    top_level_count: summary.topLevelCount,
    largest_files: summary.largestFiles,
  };
}

function renderSummary(id: string, s: TarSummary): string {
  const types = Object.entries(s.types)
    .map(([type, count]) => `${count} ${type}`)
    .join(', ');
  const lines = [
    `Export of ${id}: ${s.entries} entries (${types}); files total ${formatBytesSI(s.contentBytes)}, tar ${formatBytesSI(s.tarBytes)}.`,
    `Top-level (${s.topLevel.length < s.topLevelCount ? `largest ${s.topLevel.length} of ${s.topLevelCount}` : s.topLevelCount}):`,
    renderTable(
      [
        { header: 'PATH', value: (t: TarSummary['topLevel'][number]) => `/${t.name}` },
        { header: 'SIZE', value: (t) => formatBytesSI(t.bytes) },
        { header: 'ENTRIES', value: (t) => String(t.entries) },
      ],
      s.topLevel,
    ),
  ];
  if (s.largestFiles.length > 0)
    lines.push(
      `Largest files:`,
      renderTable(
        [
          {
            header: 'SIZE',
            value: (f: TarSummary['largestFiles'][number]) => formatBytesSI(f.bytes),
          },
          { header: 'PATH', value: (f) => f.path, max: 200 },
        ],
        s.largestFiles,
      ),
    );
  lines.push(
    'To keep the tar itself, call again with save_to (needs the server started with --export-dir).',
  );
  return lines.join('\n');
}

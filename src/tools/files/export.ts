import type { Readable } from 'node:stream';
import { z } from 'zod';
import { exportContainer } from '../../engine/api/archive.js';
import { rethrowBroken } from '../../engine/index.js';
import { summarizeTar, type TarSummary } from '../../engine/tar-summary.js';
import { renderTable } from '../../render/table.js';
import { formatBytesSI } from '../../render/units.js';
import { defineTool, type ToolAnswer, type ToolContext } from '../../mcp/define.js';
import { containerId, PATH_CHARS } from '../../containers/inputs.js';
import { targetLabel } from '../../containers/lookup.js';
import { discardSave, openSaveFile, resolveSaveTarget, saveStream } from './save-target.js';

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

const exportOutput = z.object({
  container: z.string(),
  saved: z
    .object({ path: z.string(), bytes: z.number(), sha256: z.string() })
    .optional()
    .describe('With save_to: the file written'),
  summary: summarySchema.optional().describe('Without save_to: what the export holds'),
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
  output: exportOutput,
  // A file on the server's own machine: --read-only takes save_to out of the schema, and the
  // audit log records every call that gives it.
  effects: { always: [], byArgument: { save_to: ['host-file'] }, targets: { one: 'id' } },
  async run({ id, save_to }, ctx) {
    const label = targetLabel(ctx, id);
    if (save_to !== undefined) return saveExport(id, label, save_to, ctx);
    const response = await ctx.engine.request(exportContainer, {
      params: { id },
      signal: ctx.signal,
    });
    reportProgress(response.body, ctx);
    // A cut or a quiet engine mid-tar is worded as every broken engine answer is.
    const summary = await summarizeTar(response.body, {
      topLevel: TOP_LEVEL,
      largestFiles: LARGEST,
    }).catch(rethrowBroken(response.context));
    return {
      text: renderSummary(label, summary),
      data: { container: label, summary: toData(summary) },
    };
  },
});

/** The tar into a new file inside --export-dir, created (and checked) before the engine is asked. */
async function saveExport(
  id: string,
  label: string,
  saveTo: string,
  ctx: ToolContext,
): Promise<ToolAnswer<z.output<typeof exportOutput>>> {
  const { exportDir } = ctx.config;
  const target = await resolveSaveTarget(exportDir, saveTo);
  if (!target.ok) return { isError: true, text: `Cannot save: ${target.problem}` };
  const opened = await openSaveFile(target.path, exportDir ?? '');
  if (!opened.ok) return { isError: true, text: `Cannot save: ${opened.problem}` };
  // saveStream discards the file itself when the copy fails; before it, this call must.
  const response = await ctx.engine
    .request(exportContainer, { params: { id }, signal: ctx.signal })
    .catch(async (error: unknown) => {
      await discardSave(opened.file);
      throw error;
    });
  reportProgress(response.body, ctx);
  const saved = await saveStream(response.body, opened.file).catch(rethrowBroken(response.context));
  return {
    text: `Exported ${label} to ${saved.path}: ${formatBytesSI(saved.bytes)} (${saved.bytes} bytes), sha256 ${saved.sha256}`,
    data: { container: label, saved },
  };
}

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

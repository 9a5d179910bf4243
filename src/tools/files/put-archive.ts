import { z } from 'zod';
import { putArchive } from '../../engine/archive.js';
import { capItems } from '../../render/bound.js';
import { fileRecord } from '../../render/files.js';
import { countOf, formatBytesSI } from '../../render/units.js';
import { defineTool, type ToolContext } from '../../mcp/define.js';
import { containerId, containerPath, PATH_CHARS } from '../../containers/inputs.js';
import { inspectTarget, targetLabel } from '../../containers/lookup.js';
import { MAX_STDIO_MESSAGE_BYTES } from '../../config.js';
import { asSent, describeChanges, describePlan, renderWritten } from './put-render.js';
import { destroysNothing, planUpload, statAll, type Plan } from './put-plan.js';
import { ownership } from './put-owners.js';
import { prepareArchive, prepareFiles, type Upload } from './upload.js';
import { fileRecordSchema } from './schemas.js';

/**
 * The most content one put carries (base64 of a 6 MiB archive): the whole call must fit in one
 * stdio message (MAX_STDIO_MESSAGE_BYTES); more goes in several puts.
 */
export const MAX_PUT_CHARS = 8 * 1024 * 1024;
const TOO_BIG = `at most ${MAX_PUT_CHARS / 1024 / 1024} MiB of characters per call (one MCP message carries at most ${MAX_STDIO_MESSAGE_BYTES / 1024 / 1024} MiB): split the files over several puts`;

const fileInput = z.strictObject({
  path: z
    .string()
    .min(1)
    .max(PATH_CHARS)
    .describe(
      'Name relative to the target directory, e.g. "app.ini" or "conf/app.ini"; no "/" at the start, no ".." out of it',
    ),
  content: z
    .string()
    .max(MAX_PUT_CHARS, TOO_BIG)
    .describe('The content: text, or base64 with encoding "base64"'),
  encoding: z.enum(['utf8', 'base64']).default('utf8').describe('How content is written'),
  mode: z
    .string()
    .max(4)
    .regex(/^[0-7]{3,4}$/, 'octal permissions such as "0644" or "755"')
    .optional()
    .describe('Octal permissions, e.g. "0755" (default "0644")'),
});

const input = z
  .strictObject({
    id: containerId,
    path: containerPath.describe(
      'The directory to write into (absolute, must exist), e.g. "/etc/app"',
    ),
    files: z
      .array(fileInput)
      .min(1)
      .max(1000)
      .optional()
      .describe('Files to write, packed into a tar by the server; give this or archive'),
    archive: z
      .string()
      .min(1)
      .max(MAX_PUT_CHARS, TOO_BIG)
      .optional()
      .describe('A tar archive (plain or gzip) as base64; give this or files'),
    no_overwrite_dir_non_dir: z
      .boolean()
      .default(true)
      .describe('Refuse to replace a directory with a file or the reverse (default true)'),
    copy_uidgid: z
      .boolean()
      .default(false)
      .describe("Own the files by the container's user (default: root)"),
    allow_links: z
      .boolean()
      .default(false)
      .describe('Let the archive make symlinks (confirmed like an overwrite)'),
  })
  .superRefine((value, ctx) => {
    if ((value.files === undefined) === (value.archive === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [value.files === undefined ? 'files' : 'archive'],
        message: 'give exactly one of files or archive',
      });
  });

type Input = z.output<typeof input>;

const actions = z.enum(['create', 'overwrite', 'replace', 'merge']);

export const putContainerArchive = defineTool({
  name: 'put_container_archive',
  title: 'Write files into a container',
  description:
    'Write files into a directory of a container, as `docker cp` does: `files` (text or base64) or a tar `archive`. ' +
    'Existing files are OVERWRITTEN (a changed owner or mode too); a name under a symlinked directory lands where the link points; the answer says what was created, overwritten or changed. ' +
    'Device nodes, FIFOs, setuid bits and links out of the archive are refused.',
  input,
  output: z.object({
    container: z.string(),
    path: z.string(),
    format: z.string().describe('What was sent: tar or gzip'),
    bytes_sent: z.number(),
    entries: z.array(
      z.object({
        path: z.string(),
        action: actions,
        resolved: z
          .string()
          .optional()
          .describe('Where it was really written: a directory on the way is a symlink'),
        link_target: z.string().optional().describe("A symlink's target, a hard link's file"),
        changes: z
          .array(z.string())
          .optional()
          .describe(
            'What the write changed of what was there besides its content: "mode 0755 -> 0777"',
          ),
        as_sent: z
          .boolean()
          .describe('What is there now is what was sent (its type, and its size for a file)'),
        before: fileRecordSchema.optional().describe('What was there before'),
        after: fileRecordSchema.optional().describe('What is there now, read after the write'),
      }),
    ),
    created: z.number(),
    overwritten: z
      .number()
      .describe(
        'Files replaced by new content, replaced directories, and existing directories whose owner, mode or type changed',
      ),
    unchecked: z.number().describe('Entries written without a before/after check (past the limit)'),
  }),
  effects: { always: ['container-files'], mayAlso: ['destroys'], targets: { one: 'id' } },
  idempotent: true,
  async preview(args, ctx) {
    const prepared = await prepare(args, ctx);
    if (!prepared.ok)
      return {
        summary: `Nothing would be written: ${prepared.text}`,
        state: null,
        effects: [],
      };
    const { plan } = prepared;
    return {
      summary: describePlan(targetLabel(ctx, args.id), args.path, plan),
      state: {
        container: args.id,
        path: args.path,
        entries: plan.entries.map((e) => ({
          path: e.path,
          action: e.action,
          size: e.existing?.size,
          mtime: e.existing?.mtime,
          resolved: e.resolved,
          link: e.linkTarget,
          changes: e.changes,
        })),
        unchecked: plan.unchecked,
      },
      effects: destroysNothing(plan) ? [] : ['destroys'],
    };
  },
  async run(args, ctx) {
    const prepared = await prepare(args, ctx);
    if (!prepared.ok) return { isError: true, text: prepared.text };
    const { upload, plan } = prepared;
    await putArchive(ctx.engine, args.id, args.path, upload.archive, {
      noOverwriteDirNonDir: args.no_overwrite_dir_non_dir,
      copyUidGid: args.copy_uidgid,
      signal: ctx.signal,
    });
    // What is there now, where the engine really wrote it.
    const now = await statAll(
      ctx.engine,
      args.id,
      plan.entries.map((e) => e.resolved ?? e.path),
      ctx.signal,
    );
    const entries = plan.entries.map((entry, index) => {
      const found = now[index];
      const after = found && fileRecord(found);
      return {
        path: entry.path,
        action: entry.action as z.output<typeof actions>,
        ...(entry.resolved !== undefined && { resolved: entry.resolved }),
        ...(entry.linkTarget !== undefined && { link_target: entry.linkTarget }),
        ...(entry.changes !== undefined && { changes: entry.changes }),
        as_sent: asSent(entry, after),
        ...(entry.existing && { before: fileRecord(entry.existing) }),
        ...(after && { after }),
      };
    });
    const count = (...which: string[]) => entries.filter((e) => which.includes(e.action)).length;
    const label = targetLabel(ctx, args.id);
    const data = {
      container: label,
      path: args.path,
      format: upload.format,
      bytes_sent: upload.archive.length,
      entries,
      created: count('create'),
      overwritten: count('overwrite', 'replace'),
      unchecked: plan.unchecked,
    };
    const head = `Wrote ${countOf(upload.entries.length, 'entry', 'entries')} (${upload.format}, ${formatBytesSI(upload.archive.length)}) into ${args.path} in ${label}: ${describeChanges(plan)}.`;
    return { text: `${head}\n${renderWritten(entries, plan.unchecked)}`, data };
  },
});

type Prepared =
  | { ok: true; upload: Extract<Upload, { ok: true }>; plan: Extract<Plan, { ok: true }> }
  | { ok: false; text: string };

/** Check the input and stat every target: all of it before a byte is sent. */
async function prepare(args: Input, ctx: ToolContext): Promise<Prepared> {
  const { engine, signal } = ctx;
  const upload = args.files
    ? await prepareFiles(args.files)
    : await prepareArchive(args.archive ?? '', args.allow_links);
  if (!upload.ok) {
    const { shown, omitted } = capItems(upload.problems, 20);
    const more = omitted > 0 ? `\n- … and ${omitted} more problems` : '';
    return {
      ok: false,
      text: `Invalid arguments for put_container_archive:\n${shown.map((p) => `- ${p}`).join('\n')}${more}\nNothing was written.`,
    };
  }
  const podman = (await engine.flavor(signal)) === 'podman';
  // dockerd skips an entry for the target directory itself ("./"); Podman applies it.
  const entries = podman ? upload.entries : upload.entries.filter((e) => e.name !== '');
  const user = (await inspectTarget(ctx, args.id)).Config.User ?? '';
  const plan = await planUpload(
    engine,
    { id: args.id, label: targetLabel(ctx, args.id) },
    args.path,
    entries,
    args.no_overwrite_dir_non_dir,
    ownership(engine, args.id, { podman, user, copyUidGid: args.copy_uidgid }, signal),
    signal,
  );
  if (!plan.ok) return { ok: false, text: `Cannot write: ${plan.problem}\nNothing was written.` };
  const conflicts = plan.entries.filter((e) => e.action === 'conflict');
  if (conflicts.length > 0)
    return {
      ok: false,
      text:
        `Cannot write: ${conflicts.map((c) => `${c.path} is a ${c.existing?.type ?? 'file'} and the upload has a ${c.type} there`).join('; ')}.\n` +
        'Nothing was written. Next: rename the entry, or pass no_overwrite_dir_non_dir: false to replace what is there (a replaced directory loses its contents).',
    };
  return { ok: true, upload, plan };
}

import { posix } from 'node:path';
import type { ContentBlock } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { readArchive, statPath, type ArchiveRead } from '../../engine/archive.js';
import {
  describeFile,
  ENTRY_COLUMNS,
  fileRecord,
  fileTableData,
  renderFileTable,
} from '../../render/files.js';
import { asTextSlice, mimeTypeFor } from '../../render/mime.js';
import { fileUri, uriEngine } from '../../containers/file-uri.js';
import { defineTool } from '../../mcp/define.js';
import { containerId, containerPath } from '../../containers/inputs.js';
import { targetLabel } from '../../containers/lookup.js';
import { fileRecordSchema, missingPath } from './schemas.js';

/** Tar entries listed; the rest are not read. */
export const MAX_ARCHIVE_ENTRIES = 200;
const DEFAULT_SLICE = 16 * 1024;
const MAX_SLICE = 64 * 1024;

const contentSchema = z.object({
  offset: z.number().describe('Byte offset of the first byte returned'),
  length: z.number().describe('Bytes returned'),
  size: z.number().describe("The file's whole size in bytes"),
  next_offset: z.number().optional().describe('Where the next slice starts, when there is more'),
  encoding: z.enum(['utf8', 'base64']),
  mime_type: z.string(),
  data: z.string(),
});

export const containerArchive = defineTool({
  name: 'container_archive',
  title: 'Read a file or directory from a container',
  description:
    "Read a path inside a container (running or stopped), as `docker cp` would copy it. A regular file's content comes back inline (UTF-8 text, else base64), " +
    `${DEFAULT_SLICE / 1024} KiB by default; read a large file in slices with \`offset\` and \`length\` (at most ${MAX_SLICE / 1024} KiB). ` +
    `A directory comes back as the entries of its archive (recursive, at most ${MAX_ARCHIVE_ENTRIES}). The answer also links the container:// resource for the path.`,
  input: z.strictObject({
    id: containerId,
    path: containerPath,
    offset: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('For a file: first byte to return (default 0)'),
    length: z
      .number()
      .int()
      .min(1)
      .max(MAX_SLICE)
      .default(DEFAULT_SLICE)
      .describe(`For a file: bytes to return (default ${DEFAULT_SLICE}, at most ${MAX_SLICE})`),
  }),
  output: z.object({
    container: z.string(),
    path: z.string(),
    stat: fileRecordSchema,
    content: contentSchema.optional().describe('For a regular file: the requested slice'),
    columns: z
      .array(z.enum(ENTRY_COLUMNS))
      .optional()
      .describe('For anything but a regular file: what each entry holds, in order'),
    entries: z
      .array(z.array(z.string()))
      .optional()
      .describe(
        'The entries of its archive, as `ls -l` shows them: values in the order of `columns`, names relative to the parent of path',
      ),
    left_out: z
      .string()
      .optional()
      .describe('What was not returned (more bytes, more entries), and the arguments that read it'),
    uri: z
      .string()
      .optional()
      .describe('For anything but a regular file: the container:// resource for this path'),
  }),
  effects: { always: [], targets: { one: 'id' }, answersFileBytes: true },
  async run({ id, path, offset, length }, ctx) {
    const { engine, engines, signal } = ctx;
    const named = uriEngine(engines, engine);
    // Requests use the full id; answers and links name the container as the caller did.
    const label = targetLabel(ctx, id);
    // Stat first: the archive's 404 does not say whether the path or the container is missing.
    if (!(await statPath(engine, id, path, signal)))
      return missingPath(label, path, posix.dirname(path), named);
    const read = await readArchive(engine, id, path, {
      maxEntries: MAX_ARCHIVE_ENTRIES,
      read: { offset, limit: length },
      signal,
    });
    const uri = fileUri(label, path, named);
    const content = sliceOf(path, read, offset);
    const leftOut = describeLeftOut(read, uri, content);
    const data = {
      container: label,
      path,
      stat: fileRecord(read.stat),
      ...(content ? { content } : { ...fileTableData(read.entries), uri }),
      ...(leftOut && { left_out: leftOut }),
    };
    const link: ContentBlock = {
      type: 'resource_link',
      uri,
      name: posix.basename(path) || '/',
      description: `${path} in container ${label}`,
      ...(content && { mimeType: content.mime_type }),
    };
    return { text: render(label, path, uri, read, content, leftOut), data, content: [link] };
  },
});

type Slice = z.output<typeof contentSchema>;

/** The slice read, as text when it is UTF-8 (split characters at the cut edges left out). */
function sliceOf(path: string, read: ArchiveRead, offset: number): Slice | undefined {
  const { content, stat } = read;
  if (!content) return undefined;
  const start = Math.min(offset, stat.size);
  const text = asTextSlice(content.data, start > 0, content.more);
  const bytes = content.data.length - (text ? text.head + text.tail : 0);
  const first = start + (text?.head ?? 0);
  const end = first + bytes;
  return {
    offset: first,
    length: bytes,
    size: stat.size,
    ...(end < stat.size && { next_offset: end }),
    encoding: text ? 'utf8' : 'base64',
    mime_type: mimeTypeFor(path, text !== undefined),
    data: text ? text.text : content.data.toString('base64'),
  };
}

/** The more bytes of a file, or the entries past the cap, and how to read them. */
function describeLeftOut(read: ArchiveRead, uri: string, slice?: Slice): string | undefined {
  if (slice)
    return slice.next_offset === undefined
      ? undefined
      : `${slice.size - slice.next_offset} more bytes: call again with offset: ${slice.next_offset}`;
  return read.more
    ? `only the first ${read.entries.length} entries are shown: ask for a subdirectory, or read ${uri} for its direct children.`
    : undefined;
}

function render(
  id: string,
  path: string,
  uri: string,
  read: ArchiveRead,
  slice: Slice | undefined,
  leftOut: string | undefined,
): string {
  const head = `${path} in ${id}: ${read.stat.type}\n${describeFile(read.stat, path)}`;
  const more = leftOut ? `\n… ${leftOut}` : '';
  if (slice) {
    const range = `bytes ${slice.offset}-${slice.offset + slice.length} of ${slice.size}`;
    const kind = `${slice.mime_type}${slice.encoding === 'base64' ? ', binary as base64' : ''}`;
    const body = slice.data.endsWith('\n') ? slice.data : `${slice.data}\n`;
    return `${head}\n--- ${range}, ${kind} ---\n${body}--- end ---${more}`;
  }
  if (read.stat.type !== 'directory') return `${head}\nResource: ${uri}`;
  const count = read.entries.length;
  return `${head}\n${read.more ? `more than ${count}` : count} entries in its archive:\n${renderFileTable(read.entries)}${more}\nResource: ${uri}`;
}

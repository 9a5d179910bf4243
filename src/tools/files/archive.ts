import { posix } from 'node:path';
import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { readArchive, statPath, type ArchiveRead } from '../../engine/archive.js';
import { describeFile, fileRecord, renderFileTable } from '../../render/files.js';
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
    uri: z.string().describe('The container:// resource for this path'),
    stat: fileRecordSchema,
    entries: z
      .array(fileRecordSchema)
      .describe('Entries of the archive, names relative to the parent of path'),
    entries_truncated: z.boolean().describe(`True when more than ${MAX_ARCHIVE_ENTRIES} entries`),
    content: contentSchema.optional().describe('For a regular file: the requested slice'),
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
    const data = {
      container: label,
      path,
      uri,
      stat: fileRecord(read.stat),
      entries: read.entries.map(fileRecord),
      entries_truncated: read.more,
      ...(content && { content }),
    };
    const link: ContentBlock = {
      type: 'resource_link',
      uri,
      name: posix.basename(path) || '/',
      description: `${path} in container ${label}`,
      ...(content && { mimeType: content.mime_type }),
    };
    return { text: render(label, path, uri, read, content), data, content: [link] };
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

function render(id: string, path: string, uri: string, read: ArchiveRead, slice?: Slice): string {
  const head = `${path} in ${id}: ${read.stat.type}\n${describeFile(read.stat, path)}`;
  if (slice) {
    const range = `bytes ${slice.offset}-${slice.offset + slice.length} of ${slice.size}`;
    const kind = `${slice.mime_type}${slice.encoding === 'base64' ? ', binary as base64' : ''}`;
    const more =
      slice.next_offset === undefined
        ? ''
        : `\n… ${slice.size - slice.next_offset} more bytes: call again with offset: ${slice.next_offset}`;
    const body = slice.data.endsWith('\n') ? slice.data : `${slice.data}\n`;
    return `${head}\n--- ${range}, ${kind} ---\n${body}--- end ---${more}`;
  }
  if (read.stat.type !== 'directory') return `${head}\nResource: ${uri}`;
  const count = read.entries.length;
  const cut = read.more
    ? `\n… only the first ${count} entries are shown: ask for a subdirectory, or read ${uri} for its direct children.`
    : '';
  return `${head}\n${read.more ? `more than ${count}` : count} entries in its archive:\n${renderFileTable(read.entries)}${cut}\nResource: ${uri}`;
}

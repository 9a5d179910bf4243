/**
 * Reading tar streams without holding them: entries are visited one at a time as they
 * arrive, content is skipped unless a visitor reads it, and a visitor can stop the whole
 * stream (the source is destroyed, so the engine stops sending).
 */
import type { Readable } from 'node:stream';
import { extract, type ExtractEvents } from 'tar-stream';
import { infoFromTarHeader, type FileInfo } from './file-info.js';

export type TarVerdict = 'next' | 'stop';

/** One entry's content stream (tar-stream does not export its name). */
export type Entry = ExtractEvents['entry'][1];

export interface TarEntry {
  info: FileInfo;
  /** The content stream: read it to the end, or return 'stop'. Unread content is skipped. */
  content: Entry;
}

export interface ScanResult {
  /** False when a visitor stopped before the end of the archive. */
  complete: boolean;
  /** Bytes of the tar stream read (headers, content and padding). */
  bytes: number;
}

/** Visit every entry of the tar in `source`, in order, until the end or a 'stop'. */
export async function scanTar(
  source: Readable,
  visit: (entry: TarEntry) => TarVerdict | Promise<TarVerdict>,
): Promise<ScanResult> {
  const parser = extract();
  let bytes = 0;
  source.on('data', (chunk: Buffer) => (bytes += chunk.length));
  // `on`, not `once`: a second error event with no listener would crash the server.
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const content of parser) {
      const verdict = await visit({ info: infoFromTarHeader(content.header), content });
      if (verdict === 'stop') return { complete: false, bytes };
      content.resume(); // skip whatever the visitor did not read
    }
    return { complete: true, bytes };
  } finally {
    // Ends the engine's transfer when we stopped early; a no-op after a complete read.
    source.unpipe(parser);
    source.destroy();
  }
}

export interface BoundedContent {
  /** The bytes read: all of them, or `limit` bytes from `offset` when more were there. */
  data: Buffer;
  /** True when the entry went on past offset + limit (the rest was not read). */
  more: boolean;
}

/**
 * Read `limit` bytes of an entry from `offset`, holding no more than that. When `more` is
 * true the entry was left half-read, so the caller must stop the scan.
 */
export async function readEntry(
  content: Entry,
  limit: number,
  offset = 0,
): Promise<BoundedContent> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let position = 0;
  for await (const chunk of content as AsyncIterable<Buffer>) {
    const start = Math.max(0, offset - position);
    position += chunk.length;
    if (start >= chunk.length) continue;
    const room = limit - kept;
    const piece = chunk.subarray(start, start + room + 1);
    if (piece.length > room) {
      chunks.push(piece.subarray(0, room));
      return { data: Buffer.concat(chunks, limit), more: true };
    }
    chunks.push(piece);
    kept += piece.length;
  }
  return { data: Buffer.concat(chunks, kept), more: false };
}

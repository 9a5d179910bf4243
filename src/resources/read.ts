/**
 * Reading container://{id}{+path}: a file's content (text or base64, capped), a directory's
 * listing (text and JSON, capped), or what a symlink or special file is.
 */
import { posix } from 'node:path';
import type { ReadResourceResult } from '@modelcontextprotocol/server';
import type { Config } from '../config.js';
import { listDirectory, readArchive, statPath } from '../engine/archive.js';
import type { FileInfo } from '../engine/file-info.js';
import type { Engine } from '../engine/index.js';
import { fileRecord, renderFileTable } from '../render/files.js';
import { fileContent } from '../render/mime.js';
import { formatBytesIEC, formatBytesSI } from '../render/units.js';
import { assertInScope } from '../safety/policy/scope-check.js';
import { invalidResource, resourceNotFound, type ResourceError } from './errors.js';
import { fileUri } from '../containers/file-uri.js';
import type { FileTarget } from './uri.js';

/** Children shown in one directory listing. */
export const LISTING_MAX_ENTRIES = 200;
/** A listing reads a recursive tar: how far it may read before giving up on the rest. */
export const LISTING_SCAN = { scanEntries: 50_000, scanBytes: 512 * 1024 * 1024 };

export interface FilesHost {
  engine: Engine;
  config: Config;
}

export async function readContainerPath(
  host: FilesHost,
  uri: string,
  { id, path, engine }: FileTarget,
  signal: AbortSignal,
): Promise<ReadResourceResult> {
  const scope = host.config.policy.scopeLabel;
  // Under a scope, every request after the check uses the id it found: a name looked up
  // again could by then name a container outside the scope.
  const ref = scope ? await assertInScope(host.engine, id, scope, signal) : id;
  const stat = await statPath(host.engine, ref, path, signal);
  if (!stat) {
    const parent = posix.dirname(path);
    throw resourceNotFound(
      `${path} does not exist in container ${id}. List its parent directory: ${fileUri(id, parent, engine)}`,
    );
  }
  switch (stat.type) {
    case 'directory':
      return readDirectory(host, uri, { id, path }, ref, signal);
    case 'file':
      return readFile(host, uri, { id, path }, ref, stat, signal);
    case 'symlink': {
      const target = posix.resolve(posix.dirname(path), stat.linkTarget ?? '');
      return described(
        uri,
        `${path} in ${id} is a symbolic link to ${stat.linkTarget ?? '(unknown)'}; read ${fileUri(id, target, engine)} for its content.`,
        stat,
      );
    }
    default:
      return described(uri, `${path} in ${id} is a ${stat.type}: it has no content to read.`, stat);
  }
}

async function readFile(
  host: FilesHost,
  uri: string,
  { id, path }: FileTarget,
  ref: string,
  stat: FileInfo,
  signal: AbortSignal,
): Promise<ReadResourceResult> {
  const cap = host.config.maxFileBytes;
  if (stat.size > cap) throw tooLarge(id, path, stat.size, cap);
  const read = await readArchive(host.engine, ref, path, {
    maxEntries: 1,
    read: { offset: 0, limit: cap },
    signal,
  });
  if (!read.content) throw resourceNotFound(`${path} in ${id} is no longer a regular file`);
  if (read.content.more) throw tooLarge(id, path, undefined, cap);
  return { contents: [{ uri, ...fileContent(path, read.content.data) }] };
}

function tooLarge(id: string, path: string, size: number | undefined, cap: number): ResourceError {
  const how = size === undefined ? 'grew past' : `is ${formatBytesSI(size)} (${size} bytes), over`;
  return invalidResource(
    `${path} in ${id} ${how} the ${formatBytesIEC(cap)} limit for reading a file whole (--max-file-bytes). ` +
      `Read it in slices with container_archive {"id": "${id}", "path": "${path}", "offset": 0, "length": 65536}, ` +
      'or save the whole filesystem to the server with container_export save_to.',
  );
}

async function readDirectory(
  host: FilesHost,
  uri: string,
  { id, path }: FileTarget,
  ref: string,
  signal: AbortSignal,
): Promise<ReadResourceResult> {
  const listing = await listDirectory(host.engine, ref, path, {
    maxEntries: LISTING_MAX_ENTRIES,
    ...LISTING_SCAN,
    signal,
  });
  const count = listing.entries.length;
  const lines = [
    `${path} in ${id}: ${listing.more ? `more than ${count}` : count} ${count === 1 ? 'entry' : 'entries'}`,
  ];
  if (count > 0) lines.push(renderFileTable(listing.entries));
  if (listing.more)
    lines.push(
      `… only the first ${count} (in name order) are shown: read a subdirectory, or use container_export with save_to for the whole tree.`,
    );
  if (!listing.complete)
    lines.push(
      `… the listing stopped after reading ${LISTING_SCAN.scanEntries} entries or ${formatBytesIEC(LISTING_SCAN.scanBytes)} of this tree: entries after "${listing.entries.at(-1)?.name ?? ''}" may be missing; read a subdirectory.`,
    );
  const json = {
    container: id,
    path,
    entries: listing.entries.map(fileRecord),
    truncated: listing.more || !listing.complete,
  };
  return {
    contents: [
      { uri, mimeType: 'text/plain', text: lines.join('\n') },
      { uri, mimeType: 'application/json', text: JSON.stringify(json) },
    ],
  };
}

function described(uri: string, text: string, stat: FileInfo): ReadResourceResult {
  return {
    contents: [
      { uri, mimeType: 'text/plain', text },
      { uri, mimeType: 'application/json', text: JSON.stringify(fileRecord(stat)) },
    ],
  };
}

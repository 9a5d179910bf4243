/**
 * Container files through the archive endpoints: stat a path, read a file or a listing
 * from the tar the engine streams (never holding more than the caller's caps), upload a tar.
 */
import type { Readable } from 'node:stream';
import type { Engine } from './client.js';
import { inspectContainer } from './api/containers.js';
import { getContainerArchive, putContainerArchive, statContainerPath } from './api/archive.js';
import { rethrowBroken } from './errors.js';
import { decodePathStat, type FileInfo, type Owner } from './file-info.js';
import { readEntry, scanTar, type BoundedContent } from './tar-read.js';

const STAT_HEADER = 'x-docker-container-path-stat';

/**
 * The path's metadata, or undefined when the container has no such path. A missing
 * container is an EngineError: HEAD's 404 has no body to tell the two apart, so ask.
 */
export async function statPath(
  engine: Engine,
  id: string,
  path: string,
  signal?: AbortSignal,
): Promise<FileInfo | undefined> {
  const answer = await engine.call(statContainerPath, {
    params: { id },
    query: { path },
    signal,
  });
  if (answer.status === 200) return decodePathStat(answer.headers[STAT_HEADER]);
  await engine.call(inspectContainer, { params: { id }, signal });
  return undefined;
}

/**
 * Who owns `path` (not followed if a symlink), from the first header of its archive; the
 * rest of the archive is not read. Undefined when the path is missing.
 */
export async function ownerOf(
  engine: Engine,
  id: string,
  path: string,
  signal?: AbortSignal,
): Promise<Owner | undefined> {
  const response = await engine.request(getContainerArchive, {
    params: { id },
    query: { path },
    signal,
  });
  let owner: Owner | undefined;
  await scanTar(response.body, ({ info }) => {
    owner = info.owner;
    return 'stop';
  }).catch(rethrowBroken(response.context));
  return owner;
}

export interface ArchiveRead {
  /** The requested path itself (lstat: a symlink is reported, not followed). */
  stat: FileInfo;
  /** The first `maxEntries` entries of the tar, names as the engine wrote them. */
  entries: FileInfo[];
  /** True when the tar had more entries than `maxEntries` (not read). */
  more: boolean;
  /** Bytes of the path itself, when it is a regular file and `read` was asked for. */
  content?: BoundedContent;
}

export interface ArchiveReadOptions {
  maxEntries: number;
  /** Read this slice of a regular file's content. */
  read?: { offset: number; limit: number };
  signal?: AbortSignal | undefined;
}

/** GET the archive of `path`: the listing of its tar and, for a file, a bounded slice. */
export async function readArchive(
  engine: Engine,
  id: string,
  path: string,
  options: ArchiveReadOptions,
): Promise<ArchiveRead> {
  const response = await engine.request(getContainerArchive, {
    params: { id },
    query: { path },
    signal: options.signal,
  });
  const stat = decodePathStat(response.headers[STAT_HEADER]);
  const result: ArchiveRead = { stat, entries: [], more: false };
  const broke = rethrowBroken(response.context);
  await scanTar(response.body, async ({ info, content }) => {
    if (result.entries.length === options.maxEntries) {
      result.more = true;
      return 'stop';
    }
    result.entries.push(info);
    if (result.entries.length === 1 && info.type === 'file' && options.read) {
      result.content = await readEntry(content, options.read.limit, options.read.offset);
      if (result.content.more) return 'stop';
    }
    return 'next';
  }).catch(broke);
  return result;
}

export interface DirectoryListing {
  /** Direct children, in the engine's (lexical) order; names without the directory. */
  entries: FileInfo[];
  /** More than `maxEntries` children: the rest were not read. */
  more: boolean;
  /** False when the scan budget ran out first: children after the last one may be missing. */
  complete: boolean;
}

export interface ListOptions {
  maxEntries: number;
  /** The tar is recursive: stop after this many entries (of any depth) or content bytes. */
  scanEntries: number;
  scanBytes: number;
  signal?: AbortSignal | undefined;
}

/** A directory's direct children, from a recursive tar of it read only as far as needed. */
export async function listDirectory(
  engine: Engine,
  id: string,
  directory: string,
  options: ListOptions,
): Promise<DirectoryListing> {
  const response = await engine.request(getContainerArchive, {
    params: { id },
    query: { path: directory === '/' ? '/.' : `${directory}/.` },
    signal: options.signal,
  });
  const listing: DirectoryListing = { entries: [], more: false, complete: true };
  let scanned = 0;
  let bytes = 0;
  const broke = rethrowBroken(response.context);
  await scanTar(response.body, ({ info }) => {
    scanned += 1;
    bytes += info.size;
    const name = info.name.replace(/^\.\//, '').replace(/\/$/, '');
    if (name !== '' && name !== '.' && !name.includes('/')) {
      if (listing.entries.length === options.maxEntries) {
        listing.more = true;
        return 'stop';
      }
      listing.entries.push({ ...info, name });
    }
    if (scanned >= options.scanEntries || bytes >= options.scanBytes) {
      listing.complete = false;
      return 'stop';
    }
    return 'next';
  }).catch(broke);
  return listing;
}

export interface PutOptions {
  noOverwriteDirNonDir: boolean;
  copyUidGid: boolean;
  signal?: AbortSignal | undefined;
}

/** Extract a tar (plain or compressed: the engine detects which) into `directory`. */
export async function putArchive(
  engine: Engine,
  id: string,
  directory: string,
  archive: Buffer | Readable,
  options: PutOptions,
): Promise<void> {
  await engine.call(putContainerArchive, {
    params: { id },
    query: {
      path: directory,
      noOverwriteDirNonDir: options.noOverwriteDirNonDir,
      copyUIDGID: options.copyUidGid,
    },
    body: archive,
    headers: { 'content-type': 'application/x-tar' },
    signal: options.signal,
  });
}

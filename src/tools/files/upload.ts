/**
 * What put_container_archive will send, checked before anything is sent: the files packed
 * into a tar, or the caller's archive passed through as it is, read as the engine will read
 * it, with every entry judged by ./archive-entries.ts.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { readTarHeaders, TarHeaderError } from '../../engine/tar-headers.js';
import { packFiles, type PackedFile } from '../../engine/tar-write.js';
import { checkEntry, emptyArchive } from './archive-entries.js';
import { checkedName, type UploadEntry } from './upload-names.js';

/** Entries an uploaded archive may hold: each one is checked and stat'ed. */
export const MAX_UPLOAD_ENTRIES = 10_000;
/** What a compressed archive may expand to while its names are checked (a gzip bomb guard). */
export const MAX_EXPANDED_BYTES = 1024 ** 3;

export type Upload =
  | { ok: true; archive: Buffer; entries: UploadEntry[]; format: string }
  | { ok: false; problems: string[] };

export interface FileInput {
  path: string;
  content: string;
  encoding: 'utf8' | 'base64';
  mode?: string | undefined;
}

export async function prepareFiles(files: readonly FileInput[]): Promise<Upload> {
  const problems: string[] = [];
  const packed: PackedFile[] = [];
  const seen = new Set<string>();
  for (const [index, file] of files.entries()) {
    const where = `files[${index}].path`;
    const name = checkedName(file.path, where, problems);
    if (name === '') problems.push(`${where}: names the target directory, not a file`);
    else if (name !== undefined && seen.has(name))
      problems.push(`${where}: "${name}" appears twice`);
    if (name === undefined || name === '' || seen.has(name)) continue;
    seen.add(name);
    const content = decodeContent(file, `files[${index}].content`, problems);
    if (content === undefined) continue;
    const mode = file.mode === undefined ? 0o644 : parseInt(file.mode, 8);
    if ((mode & 0o6000) !== 0) {
      problems.push(
        `files[${index}].mode: "${file.mode}" sets setuid or setgid, which the engine would apply whatever the container's user; leave those bits out`,
      );
      continue;
    }
    packed.push({ name, content, mode });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    archive: await packFiles(packed),
    // Packed as root's (tar-stream's default owner), with the mode asked for.
    entries: packed.map((f) => ({
      name: f.name,
      type: 'file',
      size: f.content.length,
      mode: f.mode,
      uid: 0,
      gid: 0,
    })),
    format: 'tar',
  };
}

/**
 * A caller's archive: plain or gzip tar (the names can be read); sent exactly as given once
 * every entry passed. `allowLinks`: symlinks may be written (the call is then guarded).
 */
export async function prepareArchive(base64: string, allowLinks = false): Promise<Upload> {
  const archive = decodeBase64(base64);
  if (archive === undefined) return { ok: false, problems: ['archive: is not valid base64'] };
  const format = formatOf(archive);
  if (format === 'bzip2' || format === 'xz') {
    return {
      ok: false,
      problems: [
        `archive: is ${format}-compressed; its names cannot be checked before sending, so it is refused. Send it uncompressed or gzip-compressed, or use files.`,
      ],
    };
  }
  if (format === 'unknown')
    return { ok: false, problems: ['archive: is not a tar archive (plain or gzip-compressed)'] };
  const problems: string[] = [];
  const entries: UploadEntry[] = [];
  const so = emptyArchive();
  let count = 0;
  let expanded = 0;
  let source = Readable.from([archive]);
  if (format === 'gzip') source = source.pipe(createGunzip());
  try {
    await readTarHeaders(source, (header) => {
      count += 1;
      if (count > MAX_UPLOAD_ENTRIES) {
        problems.push(`archive: has more than ${MAX_UPLOAD_ENTRIES} entries; split it`);
        return 'stop';
      }
      expanded += header.size;
      if (expanded > MAX_EXPANDED_BYTES) {
        problems.push('archive: expands to more than 1 GiB; split it');
        return 'stop';
      }
      const entry = checkEntry(header, so, allowLinks, problems);
      if (entry) entries.push(entry);
      return 'next';
    });
  } catch (error) {
    if (!(error instanceof TarHeaderError) && !isZlibError(error)) throw error;
    problems.push(
      `archive: cannot be read as a ${format === 'gzip' ? 'gzip-compressed tar' : 'tar'} (${(error as Error).message})`,
    );
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, archive, entries, format };
}

/** A damaged gzip stream: zlib's errors carry an errno. */
function isZlibError(error: unknown): boolean {
  return error instanceof Error && typeof (error as { errno?: unknown }).errno === 'number';
}

function decodeContent(file: FileInput, where: string, problems: string[]): Buffer | undefined {
  if (file.encoding === 'utf8') return Buffer.from(file.content, 'utf8');
  const data = decodeBase64(file.content);
  if (data === undefined) problems.push(`${where}: is not valid base64 (encoding is "base64")`);
  return data;
}

/** Node's decoder skips junk silently: check the alphabet first. */
function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 === 1 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}

function formatOf(data: Buffer): 'tar' | 'gzip' | 'bzip2' | 'xz' | 'unknown' {
  if (data[0] === 0x1f && data[1] === 0x8b) return 'gzip';
  if (data.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2';
  if (data.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (data.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return 'unknown';
}

/**
 * A tar's headers read as the engine reads them (Go's archive/tar, which Docker and Podman
 * extract with), so that what the server checks is what the engine writes: checksums
 * verified, the ustar prefix joined only for ustar (and star) headers, PAX records and GNU
 * long names applied to the next entry (a GNU long name over a PAX path over the header's
 * own), header-only types given no content whatever their size field says. Every source of
 * a name is kept, so an archive that readers would read differently can be refused.
 * Sparse files and unreadable headers end the read with a TarHeaderError.
 */
import type { Readable } from 'node:stream';

export class TarHeaderError extends Error {
  override readonly name = 'TarHeaderError';
}

export interface TarHeaderEntry {
  /** The name as the engine reads it. */
  name: string;
  /** A link's target as the engine reads it ("" for other entries). */
  linkname: string;
  /** The header's type flag: "0" (or "\0") file, "5" directory, "2" symlink, "1" hard link, ... */
  typeflag: string;
  /** Content bytes (0 for header-only types). */
  size: number;
  /** Permission bits, with setuid, setgid and sticky. */
  mode: number;
  /** The owner the engine gives the entry (unless told to use the container's user). */
  uid: number;
  gid: number;
  /** Every other source of the name and the link target that was given, as given. */
  sources: {
    header: string;
    gnuName?: string;
    paxPath?: string;
    gnuLink?: string;
    paxLinkpath?: string;
  };
  /** Meta headers given more than once before this entry (only the last counts). */
  repeated: string[];
  /** The PAX record keys that apply to this entry (from its own extended header). */
  paxKeys: string[];
  /** A name or link target whose bytes are not UTF-8 (shown here with U+FFFD). */
  notUtf8: boolean;
}

export type HeaderVerdict = 'next' | 'stop';

const BLOCK = 512;
/** The engine's limit on a PAX header or GNU long name: 1 MiB. */
const MAX_SPECIAL = 1 << 20;
/** Types whose size field the engine ignores: they have no content. */
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);

/** Read every header of the tar in `source`, in order, until its end or a 'stop'. */
export async function readTarHeaders(
  source: Readable,
  visit: (entry: TarHeaderEntry) => HeaderVerdict | Promise<HeaderVerdict>,
): Promise<{ complete: boolean }> {
  const bytes = new ByteReader(source[Symbol.asyncIterator]() as AsyncIterator<Buffer>);
  let meta = freshMeta();
  try {
    for (;;) {
      const block = await bytes.read(BLOCK);
      if (block === undefined) return { complete: true };
      if (isZero(block)) {
        const next = await bytes.read(BLOCK);
        if (next === undefined || isZero(next)) return { complete: true };
        throw new TarHeaderError('an empty block is followed by a header (not a tar end)');
      }
      const header = parseHeader(block);
      const size = HEADER_ONLY.has(header.typeflag) ? 0 : header.size;
      if (
        header.typeflag === 'x' ||
        header.typeflag === 'g' ||
        header.typeflag === 'L' ||
        header.typeflag === 'K'
      ) {
        if (size > MAX_SPECIAL) throw new TarHeaderError('an extended header is larger than 1 MiB');
        const content = await bytes.need(size);
        await bytes.skip(padding(size));
        if (header.typeflag === 'g') {
          const records = parsePax(content);
          const verdict = await visit(globalEntry(header, records));
          if (verdict === 'stop') return { complete: false };
          continue;
        }
        meta = withMeta(meta, header.typeflag, content);
        continue;
      }
      if (header.typeflag === 'S')
        throw new TarHeaderError(
          `entry "${header.name.text}" is a sparse file, which is not supported`,
        );
      const entry = applyMeta(header, meta);
      meta = freshMeta();
      const verdict = await visit(entry);
      if (verdict === 'stop') return { complete: false };
      await bytes.skip(entry.size + padding(entry.size));
    }
  } finally {
    source.destroy();
  }
}

interface RawHeader {
  name: Text;
  linkname: Text;
  typeflag: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
}

/** Bytes decoded as UTF-8, remembering whether they were. */
interface Text {
  text: string;
  utf8: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
function text(bytes: Buffer): Text {
  try {
    return { text: decoder.decode(bytes), utf8: true };
  } catch {
    return { text: bytes.toString('utf8'), utf8: false };
  }
}

/** A C string field: up to the first NUL. */
function cString(bytes: Buffer): Buffer {
  const end = bytes.indexOf(0);
  return end < 0 ? bytes : bytes.subarray(0, end);
}

function parseHeader(block: Buffer): RawHeader {
  const stored = octal(block.subarray(148, 156), 'checksum');
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i += 1) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  if (stored !== unsigned && stored !== signed)
    throw new TarHeaderError('a header has a wrong checksum (not a tar, or a damaged one)');
  const magic = block.subarray(257, 263).toString('latin1');
  const star = block.subarray(508, 512).toString('latin1') === 'tar\0';
  // Only ustar (and star) headers have a prefix; GNU headers keep other fields there.
  const prefix =
    magic === 'ustar\0' ? cString(block.subarray(345, star ? 476 : 500)) : Buffer.alloc(0);
  const name = cString(block.subarray(0, 100));
  const typeflag = String.fromCharCode(block[156] ?? 0);
  return {
    name: text(prefix.length > 0 ? Buffer.concat([prefix, Buffer.from('/'), name]) : name),
    linkname: text(cString(block.subarray(157, 257))),
    typeflag: typeflag === '\0' ? '\0' : typeflag,
    size: numeric(block.subarray(124, 136), 'size'),
    mode: numeric(block.subarray(100, 108), 'mode') & 0o7777,
    uid: numeric(block.subarray(108, 116), 'uid'),
    gid: numeric(block.subarray(116, 124), 'gid'),
  };
}

/** Octal as the engine parses it: spaces and NULs trimmed at both ends, empty is 0. */
function octal(field: Buffer, what: string): number {
  const trimmed = field.toString('latin1').replace(/^[ \0]+|[ \0]+$/g, '');
  if (trimmed === '') return 0;
  if (!/^[0-7]+$/.test(trimmed)) throw new TarHeaderError(`a header's ${what} is not a number`);
  return parseInt(trimmed, 8);
}

/** Octal, or GNU's base-256 for large values (the high bit of the first byte set). */
function numeric(field: Buffer, what: string): number {
  if (((field[0] ?? 0) & 0x80) === 0) return octal(field, what);
  if (((field[0] ?? 0) & 0x40) !== 0) throw new TarHeaderError(`a header's ${what} is negative`);
  let value = (field[0] ?? 0) & 0x7f;
  for (const byte of field.subarray(1)) value = value * 256 + byte;
  if (!Number.isSafeInteger(value)) throw new TarHeaderError(`a header's ${what} is too large`);
  return value;
}

interface Meta {
  pax?: Map<string, Text>;
  gnuName?: Text;
  gnuLink?: Text;
  repeated: string[];
}

const freshMeta = (): Meta => ({ repeated: [] });

function withMeta(meta: Meta, typeflag: string, content: Buffer): Meta {
  const kind = { x: 'PAX header', L: 'GNU long name', K: 'GNU long link name' }[typeflag] ?? '';
  const given = typeflag === 'x' ? meta.pax : typeflag === 'L' ? meta.gnuName : meta.gnuLink;
  const repeated = given === undefined ? meta.repeated : [...meta.repeated, kind];
  if (typeflag === 'x') return { ...meta, repeated, pax: parsePax(content) };
  const value = text(cString(content));
  return typeflag === 'L'
    ? { ...meta, repeated, gnuName: value }
    : { ...meta, repeated, gnuLink: value };
}

/**
 * PAX records ("LEN key=value\n"), strictly: a malformed record makes the engine refuse the
 * archive, so it is refused here too. A key given twice is kept as "key#2" (the engine takes
 * the last; other readers may not), for the caller to refuse.
 */
function parsePax(content: Buffer): Map<string, Text> {
  const records = new Map<string, Text>();
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const digits = space < 0 ? '' : content.subarray(at, space).toString('latin1');
    const length = /^\d{1,9}$/.test(digits) ? Number(digits) : NaN;
    if (
      !Number.isInteger(length) ||
      length < 5 ||
      at + length > content.length ||
      content[at + length - 1] !== 0x0a
    )
      throw new TarHeaderError('a PAX extended header has a malformed record');
    const record = content.subarray(space + 1, at + length - 1);
    const equals = record.indexOf(0x3d);
    if (equals <= 0) throw new TarHeaderError('a PAX extended header has a record without a key');
    const key = record.subarray(0, equals).toString('utf8');
    const value = record.subarray(equals + 1);
    if ((key === 'path' || key === 'linkpath') && value.includes(0))
      throw new TarHeaderError(`a PAX ${key} contains a NUL character`);
    records.set(records.has(key) ? `${key}#2` : key, text(value));
    at += length;
  }
  return records;
}

function applyMeta(header: RawHeader, meta: Meta): TarHeaderEntry {
  const paxPath = meta.pax?.get('path');
  const paxLink = meta.pax?.get('linkpath');
  const paxSize = meta.pax?.get('size')?.text;
  // An empty PAX value keeps the header's; a GNU long name wins over a PAX path.
  const name = meta.gnuName ?? (paxPath?.text ? paxPath : undefined) ?? header.name;
  const link = meta.gnuLink ?? (paxLink?.text ? paxLink : undefined) ?? header.linkname;
  let size = header.size;
  if (paxSize) {
    if (!/^\d+$/.test(paxSize)) throw new TarHeaderError('a PAX size is not a number');
    size = Number(paxSize);
  }
  const typeflag =
    header.typeflag === '\0' ? (name.text.endsWith('/') ? '5' : '0') : header.typeflag;
  return {
    name: name.text,
    linkname: link.text,
    typeflag,
    size: HEADER_ONLY.has(typeflag) ? 0 : size,
    mode: header.mode,
    uid: paxId(meta, 'uid') ?? header.uid,
    gid: paxId(meta, 'gid') ?? header.gid,
    sources: {
      header: header.name.text,
      ...(meta.gnuName && { gnuName: meta.gnuName.text }),
      ...(paxPath?.text && { paxPath: paxPath.text }),
      ...(meta.gnuLink && { gnuLink: meta.gnuLink.text }),
      ...(paxLink?.text && { paxLinkpath: paxLink.text }),
    },
    repeated: meta.repeated,
    paxKeys: [...(meta.pax?.keys() ?? [])],
    notUtf8: !name.utf8 || !link.utf8,
  };
}

/** A PAX uid or gid, which the engine takes over the header's (and refuses when not a number). */
function paxId(meta: Meta, key: 'uid' | 'gid'): number | undefined {
  const value = meta.pax?.get(key)?.text;
  if (value === undefined) return undefined;
  if (!/^\d{1,10}$/.test(value)) throw new TarHeaderError(`a PAX ${key} is not a number`);
  return Number(value);
}

/** A global PAX header: the engine ignores it, but other readers apply it to what follows. */
function globalEntry(header: RawHeader, records: Map<string, Text>): TarHeaderEntry {
  return {
    name: header.name.text,
    linkname: '',
    typeflag: 'g',
    size: 0,
    mode: 0,
    uid: 0,
    gid: 0,
    sources: { header: header.name.text },
    repeated: [],
    paxKeys: [...records.keys()],
    notUtf8: false,
  };
}

const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

function isZero(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

/** Exact reads over a stream of chunks, dropping what is skipped as it arrives. */
class ByteReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** `n` bytes; undefined at a clean end before any of them; an error when cut short. */
  async read(n: number): Promise<Buffer | undefined> {
    await this.fill(n);
    if (this.buffered === 0) return undefined;
    if (this.buffered < n) throw new TarHeaderError('the archive ends in the middle of an entry');
    return this.take(n);
  }

  async need(n: number): Promise<Buffer> {
    if (n === 0) return Buffer.alloc(0);
    const data = await this.read(n);
    if (data === undefined) throw new TarHeaderError('the archive ends in the middle of an entry');
    return data;
  }

  async skip(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0 && !(await this.pull()))
        throw new TarHeaderError('the archive ends in the middle of an entry');
      const first = this.chunks[0] as Buffer;
      const drop = Math.min(left, first.length);
      this.chunks[0] = first.subarray(drop);
      if (drop === first.length) this.chunks.shift();
      this.buffered -= drop;
      left -= drop;
    }
  }

  private async fill(n: number): Promise<void> {
    while (this.buffered < n && (await this.pull()));
  }

  private async pull(): Promise<boolean> {
    const next = await this.source.next();
    if (next.done) return false;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    return true;
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.buffered -= n;
    return all.subarray(0, n);
  }
}

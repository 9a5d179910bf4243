/**
 * File content as MCP carries it: text when it is valid UTF-8, else base64, with a MIME
 * type from the name. A small table: containers hold configs, scripts and logs far more
 * often than anything exotic, and an unknown name is just text/plain or octet-stream.
 */
import { posix } from 'node:path';

const BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  conf: 'text/plain',
  cfg: 'text/plain',
  ini: 'text/plain',
  env: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  cjs: 'text/javascript',
  ts: 'text/x-typescript',
  py: 'text/x-python',
  rb: 'text/x-ruby',
  go: 'text/x-go',
  rs: 'text/x-rust',
  java: 'text/x-java',
  c: 'text/x-c',
  h: 'text/x-c',
  cpp: 'text/x-c++',
  sh: 'text/x-shellscript',
  sql: 'application/sql',
  json: 'application/json',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  toml: 'application/toml',
  xml: 'application/xml',
  svg: 'image/svg+xml',
  pem: 'application/x-pem-file',
  crt: 'application/x-x509-ca-cert',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/vnd.microsoft.icon',
  pdf: 'application/pdf',
  gz: 'application/gzip',
  tgz: 'application/gzip',
  tar: 'application/x-tar',
  zip: 'application/zip',
  bz2: 'application/x-bzip2',
  xz: 'application/x-xz',
  wasm: 'application/wasm',
  so: 'application/octet-stream',
};

/** The MIME type for a file name; text/plain or octet-stream when the name says nothing. */
export function mimeTypeFor(name: string, isText: boolean): string {
  const extension = posix.extname(name).slice(1).toLowerCase();
  return BY_EXTENSION[extension] ?? (isText ? 'text/plain' : 'application/octet-stream');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The content as text when it is valid UTF-8 without NULs, else undefined (binary). */
export function asText(data: Uint8Array): string | undefined {
  if (data.includes(0)) return undefined;
  try {
    return strictUtf8.decode(data);
  } catch {
    return undefined;
  }
}

export type FileContent =
  { mimeType: string; text: string } | { mimeType: string; blob: string /* base64 */ };

export function fileContent(name: string, data: Buffer): FileContent {
  const text = asText(data);
  return text === undefined
    ? { mimeType: mimeTypeFor(name, false), blob: data.toString('base64') }
    : { mimeType: mimeTypeFor(name, true), text };
}

/**
 * A slice cut from the middle of a file may split a UTF-8 character at either edge. Text
 * when the slice is valid UTF-8 once the pieces of a split character are dropped at each
 * cut edge; `head` and `tail` say how many bytes were dropped, so offsets stay exact.
 */
export function asTextSlice(
  data: Buffer,
  cutHead: boolean,
  cutTail: boolean,
): { text: string; head: number; tail: number } | undefined {
  let head = 0;
  // Continuation bytes (10xxxxxx) at the start belong to a character that began earlier.
  while (cutHead && head < 3 && head < data.length && isContinuation(data[head])) head += 1;
  const tail = cutTail ? incompleteTail(data.subarray(head)) : 0;
  const text = asText(data.subarray(head, data.length - tail));
  return text === undefined ? undefined : { text, head, tail };
}

const isContinuation = (byte: number | undefined): boolean => ((byte ?? 0) & 0xc0) === 0x80;

/** Bytes at the end that start a character the slice does not finish (0 to 3). */
function incompleteTail(data: Buffer): number {
  for (let back = 1; back <= Math.min(3, data.length); back++) {
    const byte = data[data.length - back] ?? 0;
    if (isContinuation(byte)) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

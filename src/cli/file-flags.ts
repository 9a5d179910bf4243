/** Flags for container files: how big a file a read returns, and where exports may be saved. */
import { realpathSync, statSync } from 'node:fs';
import { UsageError } from '../config.js';
import { str, type Flag } from './flag-values.js';
import { formatBytesIEC, parseByteSize } from '../render/units.js';

/**
 * One file travels base64-encoded inside one JSON-RPC message, which stdio caps at 10 MiB:
 * 7 MiB is 9.3 MiB as base64, with room left for the envelope.
 */
export const MAX_FILE_BYTES_LIMIT = 7 * 1024 * 1024;

export const FILE_FLAGS: Flag[] = [
  {
    name: 'max-file-bytes',
    type: 'string',
    value: 'SIZE',
    group: 'Files',
    help: `Largest file a container:// resource read returns whole (default 1MiB, at most ${formatBytesIEC(MAX_FILE_BYTES_LIMIT)}); bytes or 512KiB, 4MiB`,
    apply: (config, value) => (config.maxFileBytes = fileByteCap(str(value))),
  },
  {
    name: 'export-dir',
    type: 'string',
    value: 'DIR',
    group: 'Files',
    help: 'Directory where container_export may save tars (save_to); without it, save_to is refused',
    apply: (config, value) => (config.exportDir = existingDirectory('export-dir', str(value))),
  },
];

function fileByteCap(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined || bytes <= 0)
    throw new UsageError(
      `--max-file-bytes "${value}" is not a size; give bytes (1048576) or a unit (512KiB, 4MiB)`,
    );
  if (bytes > MAX_FILE_BYTES_LIMIT)
    throw new UsageError(
      `--max-file-bytes "${value}" is over ${formatBytesIEC(MAX_FILE_BYTES_LIMIT)}: a larger file does not fit in one MCP message; use container_export with save_to for big files`,
    );
  return bytes;
}

/**
 * The real path of an existing directory: symlinks resolved once, at start-up, by the same
 * (native) realpath that later checks each save_to, so both spell the path alike (on
 * Windows, the drive and folder names in their stored case).
 */
function existingDirectory(flag: string, value: string): string {
  let real: string;
  try {
    real = realpathSync.native(value);
  } catch {
    throw new UsageError(`--${flag} "${value}" does not exist; create the directory first`);
  }
  if (!statSync(real).isDirectory())
    throw new UsageError(`--${flag} "${value}" is not a directory`);
  return real;
}

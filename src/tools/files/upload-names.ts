/** An upload's entries as the plan sees them, and the one check every name goes through. */
import { normalizeRelativeName, PathError } from '../../engine/container-path.js';
import type { FileType } from '../../engine/file-info.js';

export interface UploadEntry {
  /** Relative to the target directory, canonical; "" for the target directory itself. */
  name: string;
  type: FileType;
  size: number;
  /** The permissions and owner the engine gives it (copy_uidgid aside). */
  mode: number;
  uid: number;
  gid: number;
  /** A symlink's target as written; a hard link's target, canonical (relative to the target directory). */
  linkTarget?: string;
}

/** The canonical name, or undefined with a problem naming `where`. */
export function checkedName(raw: string, where: string, problems: string[]): string | undefined {
  try {
    return normalizeRelativeName(raw);
  } catch (error) {
    if (!(error instanceof PathError)) throw error;
    problems.push(`${where}: ${error.message}`);
    return undefined;
  }
}

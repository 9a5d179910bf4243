/** Output pieces shared by the file tools. */
import { z } from 'zod';
import type { ToolAnswer } from '../../mcp/define.js';
import { fileUri } from '../../containers/file-uri.js';

export const fileRecordSchema = z.object({
  name: z.string(),
  type: z
    .enum([
      'file',
      'directory',
      'symlink',
      'hardlink',
      'block-device',
      'char-device',
      'pipe',
      'socket',
      'other',
    ])
    .describe('What the path is'),
  size: z.number().describe('Bytes (for a symlink: the length of its target)'),
  permissions: z.string().describe('Octal, as chmod takes it, e.g. "0644"'),
  mode: z.string().describe('As ls -l shows it, e.g. "drwxr-xr-x"'),
  mtime: z.string().optional().describe('Last modified, RFC 3339'),
  link_target: z.string().optional().describe('Where a link points'),
});

/** The answer for a path the container does not have. */
export function missingPath(
  id: string,
  path: string,
  parent: string,
  engine?: string,
): ToolAnswer<never> {
  const on = engine === undefined ? '' : `, "engine": "${engine}"`;
  return {
    isError: true,
    text: `${path} does not exist in container ${id}.\nNext: list its parent directory with container_archive {"id": "${id}", "path": "${parent}"${on}} or read ${fileUri(id, parent, engine)}.`,
  };
}

import { posix } from 'node:path';
import { z } from 'zod';
import { statPath } from '../../engine/archive.js';
import { describeFile, fileRecord } from '../../render/files.js';
import { uriEngine } from '../../containers/file-uri.js';
import { defineTool } from '../../mcp/define.js';
import { containerId, containerPath } from '../../containers/inputs.js';
import { targetLabel } from '../../containers/lookup.js';
import { fileRecordSchema, missingPath } from './schemas.js';

export const containerArchiveInfo = defineTool({
  name: 'container_archive_info',
  title: 'Stat a path in a container',
  description:
    'What a path inside a container is, without reading it: type (file, directory, symlink, device, ...), size, permissions (octal and ls -l form), modification time and, for a symlink, its target. ' +
    'Works on stopped containers. To read a file or list a directory use container_archive or the container:// resource.',
  input: z.strictObject({
    id: containerId,
    path: containerPath,
  }),
  output: z.object({
    container: z.string(),
    path: z.string().describe('The normalised absolute path asked for'),
    stat: fileRecordSchema,
  }),
  effects: { always: [], targets: { one: 'id' } },
  async run({ id, path }, ctx) {
    const { engine, engines, signal } = ctx;
    const label = targetLabel(ctx, id);
    const stat = await statPath(engine, id, path, signal);
    if (!stat) return missingPath(label, path, posix.dirname(path), uriEngine(engines, engine));
    const record = fileRecord(stat);
    return {
      text: `${path} in ${label}: ${stat.type}, permissions ${record.permissions}\n${describeFile(stat, path)}`,
      data: { container: label, path, stat: record },
    };
  },
});

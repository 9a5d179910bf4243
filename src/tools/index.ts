/** The tool table: every tool the server offers, in the order tools/list shows them. */
import { containerInspect } from './containers/inspect.js';
import { containerList } from './containers/list.js';
import { containerLogs } from './containers/logs.js';
import { containerStats } from './containers/stats.js';
import type { Tool } from './define.js';
import { containerArchive } from './files/archive.js';
import { containerArchiveInfo } from './files/archive-info.js';
import { containerExport } from './files/export.js';
import { putContainerArchive } from './files/put-archive.js';

export const TOOLS: readonly Tool[] = [
  containerList,
  containerInspect,
  containerLogs,
  containerStats,
  containerArchiveInfo,
  containerArchive,
  containerExport,
  putContainerArchive,
];

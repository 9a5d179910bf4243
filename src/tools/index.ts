/** The tool table: every tool the server offers, in the order tools/list shows them. */
import { containerInspect } from './containers/inspect.js';
import { containerList } from './containers/list.js';
import { containerLogs } from './containers/logs.js';
import { containerStats } from './containers/stats.js';
import type { Tool } from './define.js';

export const TOOLS: readonly Tool[] = [
  containerList,
  containerInspect,
  containerLogs,
  containerStats,
];

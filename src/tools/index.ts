/** The tool table: every tool the server offers, in the order tools/list shows them. */
import { containerAttach } from './attach/attach.js';
import { containerAttachWebsocket } from './attach/attach-websocket.js';
import { containerResize } from './attach/resize.js';
import { containerInspect } from './containers/inspect.js';
import { containerList } from './containers/list.js';
import { containerDiagnose } from './containers/diagnose.js';
import { containerEvents } from './containers/events.js';
import { containerLogs } from './containers/logs.js';
import { containerStats } from './containers/stats.js';
import { containerCreate } from './settings/create.js';
import { containerExec } from './exec/exec.js';
import type { Tool } from '../mcp/define.js';
import { containerArchive } from './files/archive.js';
import { containerArchiveInfo } from './files/archive-info.js';
import { containerExport } from './files/export.js';
import { putContainerArchive } from './files/put-archive.js';
import { containerChanges } from './lifecycle/changes.js';
import { containerDelete } from './lifecycle/delete.js';
import { containerKill } from './lifecycle/kill.js';
import { containerPause } from './lifecycle/pause.js';
import { containerPrune } from './lifecycle/prune.js';
import { containerRename } from './lifecycle/rename.js';
import { containerRestart } from './lifecycle/restart.js';
import { containerStart } from './lifecycle/start.js';
import { containerStop } from './lifecycle/stop.js';
import { containerTop } from './lifecycle/top.js';
import { containerUnpause } from './lifecycle/unpause.js';
import { containerUpdate } from './settings/update.js';
import { containerWait } from './lifecycle/wait.js';

export const TOOLS: readonly Tool[] = [
  containerList,
  containerInspect,
  containerDiagnose,
  containerLogs,
  containerEvents,
  containerStats,
  containerCreate,
  containerStart,
  containerStop,
  containerRestart,
  containerKill,
  containerPause,
  containerUnpause,
  containerRename,
  containerUpdate,
  containerWait,
  containerTop,
  containerChanges,
  containerDelete,
  containerPrune,
  containerArchiveInfo,
  containerArchive,
  containerExport,
  putContainerArchive,
  containerAttach,
  containerAttachWebsocket,
  containerResize,
  containerExec,
];

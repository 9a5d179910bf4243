/** The tool table: every tool the server offers, by set, in the order tools/list shows them. */
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
import { containerCommit } from './images/commit.js';
import { imageDelete } from './images/delete.js';
import { imageInspect } from './images/inspect.js';
import { imageList } from './images/list.js';
import { imagePrune } from './images/prune.js';
import { imagePull } from './images/pull.js';
import { imageTag } from './images/tag.js';

/**
 * Tool sets for --toolsets, by concern: a user who wants fewer tools (and fewer tokens in
 * every turn) names the sets instead of the tools.
 */
export const TOOLSETS: Readonly<Record<string, readonly Tool[]>> = {
  containers: [
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
  ],
  files: [containerArchiveInfo, containerArchive, containerExport, putContainerArchive],
  attach: [containerAttach, containerAttachWebsocket, containerResize],
  exec: [containerExec],
  images: [imageList, imageInspect, imagePull, imageTag, imageDelete, imagePrune, containerCommit],
};

/** Every tool, set by set: the order tools/list shows them in. */
export const TOOLS: readonly Tool[] = Object.values(TOOLSETS).flat();

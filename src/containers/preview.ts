/** What the confirmation layer shows and binds for a call on one container. */
import type { ContainerInspect } from '../engine/index.js';
import type { Preview } from '../mcp/define.js';
import { describeState, nameOf, shortId } from '../render/containers.js';
import { escapeControl } from '../render/escape.js';

/** What the confirmation layer shows and binds: which container, what it is doing now. */
export function targetPreview(raw: ContainerInspect, action: string, details = ''): Preview {
  const name = nameOf(raw);
  const image = escapeControl(raw.Config.Image ?? raw.Image);
  return {
    summary: `${action} ${escapeControl(name)} (${shortId(raw.Id)}, image ${image}): ${describeState(raw.State)}${details}`,
    state: { id: raw.Id, name, status: raw.State.Status, started_at: raw.State.StartedAt },
  };
}

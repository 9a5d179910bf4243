/** Who owns what a put writes over, before and after, as each engine does it. */
import { ownerOf } from '../../engine/archive.js';
import type { Engine } from '../../engine/index.js';
import type { Ownership } from './put-plan.js';

/**
 * Who owns what. dockerd's archive tells an entry's owner; Podman's reports every owner as
 * 0:0, so there it is unknown (and any entry for something that exists may change it). The
 * owner after the write is the entry's own, unless copy_uidgid: then dockerd uses the
 * container's user when it has one (looked up by the engine) and the entry's otherwise, and
 * Podman uses the container's user (root when it has none).
 */
export function ownership(
  engine: Engine,
  id: string,
  { podman, user, copyUidGid }: { podman: boolean; user: string; copyUidGid: boolean },
  signal?: AbortSignal,
): Ownership {
  const numeric = /^(\d+):(\d+)$/.exec(user);
  return {
    now: (path) => (podman ? Promise.resolve(undefined) : ownerOf(engine, id, path, signal)),
    after(entry) {
      if (!copyUidGid || (user === '' && !podman)) return { uid: entry.uid, gid: entry.gid };
      if (user === '') return { uid: 0, gid: 0 };
      return podman && numeric ? { uid: Number(numeric[1]), gid: Number(numeric[2]) } : undefined;
    },
    unknownAfter: `the container's user ${JSON.stringify(user)} (copy_uidgid)`,
  };
}

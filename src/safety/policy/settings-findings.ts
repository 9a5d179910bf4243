/**
 * What walking a create or update body finds (./settings-walk.ts), field by field: the
 * shapes the walker, its special cases (./settings-special.ts) and the settling step share.
 */
import type { Flag } from './settings-rules.js';

/** Where a value sits in the body: keys and array indexes, for rewriting it. */
export type Segments = readonly (string | number)[];

export interface Located {
  /** As a message shows it: "body.HostConfig.Binds[0]". */
  field: string;
  value: unknown;
}

export type Finding =
  /** Refused unless the server runs with `flag`. */
  | (Located & { type: 'refused'; reaches: string; flag: Flag; safe?: string })
  /** A path on the engine's host: held to the --allow-bind roots. */
  | (Located & { type: 'host-path'; source: string })
  /** A host device's path (its field needs --allow-privileged): never a process-relative one. */
  | (Located & { type: 'device-path'; source: string })
  /** Another container, which brings what it has; rewritten to its full id once looked up. */
  | (Located & {
      type: 'reference';
      id: string;
      at: Segments;
      rewrite: (fullId: string) => string;
      reaches: string;
    })
  /** A network by name or id: refused when it is the host's. */
  | (Located & { type: 'network'; name: string; reaches: string })
  /** An OCI runtime: refused unless it is the engine's default. */
  | (Located & { type: 'runtime'; name: string; reaches: string })
  /** A restart policy that lets the engine restart the container on its own. */
  | (Located & { type: 'restart'; reaches: string });

/** Image endpoints: list, inspect, history, pull, tag, remove, prune, and commit. */
import { endpoint } from '../endpoint.js';

export const listImages = endpoint({ method: 'GET', path: '/images/json', expect: [200] });

export const inspectImage = endpoint({
  method: 'GET',
  path: '/images/{name}/json',
  expect: [200],
});

export const imageHistory = endpoint({
  method: 'GET',
  path: '/images/{name}/history',
  expect: [200],
});

/**
 * A pull answers 200 at once and streams its progress as JSON lines; a failure after that is a
 * line with `error`. Closing the connection cancels the pull (the engine says so in its spec).
 */
export const pullImage = endpoint({
  method: 'POST',
  path: '/images/create',
  expect: [200],
  long: true,
});

export const tagImage = endpoint({ method: 'POST', path: '/images/{name}/tag', expect: [201] });

export const deleteImage = endpoint({ method: 'DELETE', path: '/images/{name}', expect: [200] });

export const pruneImages = endpoint({
  method: 'POST',
  path: '/images/prune',
  expect: [200],
  minVersion: '1.25',
});

/** Commits can take a while on a large container (the layer is written): not a quick call. */
export const commitContainer = endpoint({
  method: 'POST',
  path: '/commit',
  expect: [201],
  long: true,
});

export interface ImageSummary {
  Id: string;
  ParentId?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created: number;
  Size: number;
  SharedSize?: number;
  Labels?: Record<string, string> | null;
  Containers?: number;
}

export interface ImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Size?: number;
  Os?: string;
  Architecture?: string;
  Variant?: string;
  Author?: string;
  Comment?: string;
  Config?: {
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    Env?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Volumes?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
    WorkingDir?: string;
    User?: string;
  } | null;
  RootFS?: { Layers?: string[] | null } | null;
}

export interface HistoryItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags?: string[] | null;
  Size: number;
  Comment?: string;
}

/** One line of a pull's progress stream. */
export interface PullLine {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

export interface DeleteItem {
  Untagged?: string;
  Deleted?: string;
}

export interface ImagePruneResponse {
  ImagesDeleted?: DeleteItem[] | null;
  SpaceReclaimed?: number;
}

/**
 * Container endpoints that change or observe a container's lifecycle, with the statuses
 * each answers and the shapes of their answers.
 */
import { endpoint } from '../endpoint.js';

export const createContainer = endpoint({
  method: 'POST',
  path: '/containers/create',
  expect: [201],
});

/** 304: already running. */
export const startContainer = endpoint({
  method: 'POST',
  path: '/containers/{id}/start',
  expect: [204, 304],
});

/** 304: already stopped. Blocks up to `t` seconds while the process exits. */
export const stopContainer = endpoint({
  method: 'POST',
  path: '/containers/{id}/stop',
  expect: [204, 304],
});

export const restartContainer = endpoint({
  method: 'POST',
  path: '/containers/{id}/restart',
  expect: [204],
});

export const killContainer = endpoint({
  method: 'POST',
  path: '/containers/{id}/kill',
  expect: [204],
});

export const pauseContainer = endpoint({
  method: 'POST',
  path: '/containers/{id}/pause',
  expect: [204],
});

export const unpauseContainer = endpoint({
  method: 'POST',
  path: '/containers/{id}/unpause',
  expect: [204],
});

export const renameContainer = endpoint({
  method: 'POST',
  path: '/containers/{id}/rename',
  expect: [204],
});

/** Podman's service has no /update before 5.1 (404; docs/ENGINE-NOTES.md). */
export const updateContainer = endpoint({
  method: 'POST',
  path: '/containers/{id}/update',
  expect: [200],
  missingOnPodman: { before: '5.1' },
});

/** The headers come at once, the body only when the condition is met: a connection of its own. */
export const waitContainer = endpoint({
  method: 'POST',
  path: '/containers/{id}/wait',
  expect: [200],
  long: true,
  held: true,
});

export const topContainer = endpoint({
  method: 'GET',
  path: '/containers/{id}/top',
  expect: [200],
});

export const listChanges = endpoint({
  method: 'GET',
  path: '/containers/{id}/changes',
  expect: [200],
});

export const deleteContainer = endpoint({
  method: 'DELETE',
  path: '/containers/{id}',
  expect: [204],
});

export const pruneContainers = endpoint({
  method: 'POST',
  path: '/containers/prune',
  expect: [200],
  minVersion: '1.25',
});

/** Used to tell which anonymous volumes a delete with `v` really removed. */
export const inspectVolume = endpoint({
  method: 'GET',
  path: '/volumes/{name}',
  expect: [200],
});

export interface CreateResponse {
  Id: string;
  Warnings?: string[] | null;
}

export interface WaitResponse {
  StatusCode: number;
  Error?: { Message?: string } | null;
}

export interface TopResponse {
  Titles?: string[] | null;
  /** Docker splits each row into columns; Podman may send one unsplit string per row. */
  Processes?: string[][] | null;
}

/** Kind 0 modified, 1 added, 2 deleted. */
export interface FilesystemChange {
  Path: string;
  Kind: number;
}

export interface UpdateResponse {
  Warnings?: string[] | null;
}

export interface PruneResponse {
  ContainersDeleted?: string[] | null;
  SpaceReclaimed?: number;
}

/** Container filesystem endpoints: stat, get and put archives, export. */
import { endpoint } from '../endpoint.js';

/** HEAD: only the X-Docker-Container-Path-Stat header. 404 (no body) is a missing path. */
export const statContainerPath = endpoint({
  method: 'HEAD',
  path: '/containers/{id}/archive',
  expect: [200, 404],
});

/** A tar of `path` rooted at its base name; `dir/.` gives a directory's contents under "./". */
export const getContainerArchive = endpoint({
  method: 'GET',
  path: '/containers/{id}/archive',
  expect: [200],
  long: true,
});

/** Extract a tar (plain, gzip, bzip2 or xz) into the directory `path`. */
export const putContainerArchive = endpoint({
  method: 'PUT',
  path: '/containers/{id}/archive',
  expect: [200],
  long: true,
});

/** The whole filesystem as a tar: can be gigabytes. */
export const exportContainer = endpoint({
  method: 'GET',
  path: '/containers/{id}/export',
  expect: [200],
  long: true,
});

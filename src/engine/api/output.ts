/** Container endpoints that report what a container does: its logs and its resource use. */
import { endpoint } from '../endpoint.js';

/** Long: a log can be gigabytes, and `follow` streams until the caller stops. */
export const containerLogs = endpoint({
  method: 'GET',
  path: '/containers/{id}/logs',
  expect: [200],
  long: true,
});

/**
 * Logs followed until something is seen (a wait for a line): held, on a connection of its
 * own, since the engine sends nothing while the container is quiet.
 */
export const containerLogsFollow = endpoint({
  method: 'GET',
  path: '/containers/{id}/logs',
  expect: [200],
  long: true,
  held: true,
});

/** One reading (stream=0): the engine waits one collection cycle, 1-2 s. */
export const containerStatsOnce = endpoint({
  method: 'GET',
  path: '/containers/{id}/stats',
  expect: [200],
});

/** A reading every ~1 s until the caller stops (stream=1). */
export const containerStatsStream = endpoint({
  method: 'GET',
  path: '/containers/{id}/stats',
  expect: [200],
  long: true,
});

/** Container endpoints that report what a container does: its logs and its resource use. */
import { endpoint } from '../endpoint.js';

/** Long: a log can be gigabytes, and `follow` streams until the caller stops. */
export const containerLogs = endpoint({
  method: 'GET',
  path: '/containers/{id}/logs',
  expect: [200],
  long: true,
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

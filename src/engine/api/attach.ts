/**
 * Container endpoints for talking to a running process: attach (a hijacked connection),
 * attach over WebSocket, and resizing its TTY. Attach answers 101 and then the connection
 * is the container's stdio: see ../attach/.
 */
import { endpoint } from '../endpoint.js';

export const attachContainer = endpoint({
  method: 'POST',
  path: '/containers/{id}/attach',
  expect: [101],
  long: true,
});

/** Podman's Docker-compatible service (4.x) has no such endpoint: refused before sending. */
export const attachContainerWebSocket = endpoint({
  method: 'GET',
  path: '/containers/{id}/attach/ws',
  expect: [101],
  long: true,
  missingOnPodman: {},
});

/** 409 when the container is not running; a container without a TTY accepts and ignores it. */
export const resizeContainer = endpoint({
  method: 'POST',
  path: '/containers/{id}/resize',
  expect: [200],
});

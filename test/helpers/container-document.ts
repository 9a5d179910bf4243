/**
 * An engine's inspect document for a container, as the server reads it: for pure tests of
 * what the server makes of one, and for the scripted engine to answer with.
 */
import type { ContainerInspect } from '../../src/engine/index.js';

export function containerDocument(
  state: Partial<ContainerInspect['State']> = {},
  config: Partial<ContainerInspect['Config']> = {},
  id = 'a'.repeat(64),
): ContainerInspect {
  return {
    Id: id,
    Created: '2026-12-06T14:00:00Z',
    Path: 'sleep',
    Args: ['3600'],
    Image: 'sha256:1',
    Name: '/web',
    RestartCount: 0,
    State: {
      Status: 'running',
      Running: true,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 42,
      ExitCode: 0,
      Error: '',
      StartedAt: '2026-12-06T14:00:01Z',
      FinishedAt: '0001-01-01T00:00:00Z',
      ...state,
    },
    Config: { Image: 'busybox', Labels: {}, ...config },
    HostConfig: {},
    Mounts: [],
    NetworkSettings: {},
  };
}

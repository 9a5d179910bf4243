/** How containers are named and described in answers, the same way everywhere. */
import type { ContainerInspect, Port } from '../engine/index.js';
import { humanDuration, isZeroTime } from './time.js';

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** The primary name without the engine's leading slash. */
export function containerName(names: readonly string[] | null | undefined): string {
  const first = names?.[0] ?? '';
  return first.replace(/^\//, '');
}

/** An inspected container's name, without the engine's leading slash. */
export function nameOf(raw: Pick<ContainerInspect, 'Name'>): string {
  return raw.Name.replace(/^\//, '');
}

/** "0.0.0.0:8080->80/tcp, 443/tcp", as docker ps prints them. */
export function formatPorts(ports: readonly Port[] | null | undefined): string {
  if (!ports || ports.length === 0) return '';
  const seen = new Set<string>();
  for (const port of ports) {
    const target = `${port.PrivatePort}/${port.Type}`;
    seen.add(
      port.PublicPort
        ? `${port.IP ? `${port.IP.includes(':') ? `[${port.IP}]` : port.IP}:` : ''}${port.PublicPort}->${target}`
        : target,
    );
  }
  return [...seen].join(', ');
}

/** "running, up 3 minutes" / "exited (137) 2 hours ago" from an inspect State. */
export function describeState(state: ContainerInspect['State'], now = Date.now()): string {
  const since = (value: string): string => humanDuration(now - Date.parse(value));
  switch (state.Status) {
    case 'running':
      return isZeroTime(state.StartedAt) ? 'running' : `running, up ${since(state.StartedAt)}`;
    case 'paused':
      return 'paused';
    case 'restarting':
      return `restarting (last exit code ${state.ExitCode})`;
    case 'exited':
      return isZeroTime(state.FinishedAt)
        ? `exited (${state.ExitCode})`
        : `exited (${state.ExitCode}) ${since(state.FinishedAt)} ago${state.OOMKilled ? ', killed by the OOM killer' : ''}`;
    default:
      return state.Status;
  }
}

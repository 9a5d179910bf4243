/**
 * Events, readiness waits and diagnosis on each engine (README, "Supported
 * engines"): Podman names a removal "remove" (shown as destroy), writes no signal on a kill
 * and adds init and cleanup; it reports no OOM kill (no OOMKilled, no oom event), and its
 * service runs no health probe without systemd timers, so a healthcheck stays "starting".
 * Every difference is asserted for both engines, through a real MCP client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  eventually,
  isPodman,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { DIAGNOSE_CASES } from '../helpers/diagnose-cases.js';
import { call, dataOf, startServer, type Session } from '../helpers/mcp.js';

let session: Session;
let podman: boolean;

beforeAll(async () => {
  session = await startServer();
  podman = await isPodman();
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

interface Events {
  columns: string[];
  rows: string[][];
}
const unixNow = (): string => (Date.now() / 1000).toFixed(3);

describe('container_events on each engine', () => {
  it('reads a range that is over (Podman answers nothing for a past until when asked)', async () => {
    const since = unixNow();
    const c = await createContainer({ cmd: ['sleep', '3600'] });
    await docker('POST', `/containers/${c.id}/kill?signal=SIGKILL`);
    await docker('POST', `/containers/${c.id}/wait`);
    await docker('DELETE', `/containers/${c.id}`);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Podman's events are written to its journal
    const until = unixNow();
    const data = dataOf<Events>(
      await call(session, 'container_events', { since, until, filters: { container: c.name } }),
    );
    const rows = data.rows.map((row) => `${row[2]} ${row[3]}`.trim());
    expect(rows.filter((row) => !['init', 'cleanup', 'attach'].includes(row))).toEqual(
      [
        'create busybox:local',
        'start',
        // Podman writes no signal on a kill
        podman ? 'kill' : 'kill SIGKILL',
        'die exit 137',
        'destroy', // Podman's "remove"
      ].map((row) =>
        podman ? row.replace('busybox:local', 'docker.io/library/busybox:local') : row,
      ),
    );
    expect(rows.includes('init')).toBe(podman);
  });
});

describe('health checks and OOM kills on each engine', () => {
  const made: Record<string, TestContainer> = {};
  beforeAll(async () => {
    made.unhealthy = await DIAGNOSE_CASES.unhealthy.create();
    made.oom = await DIAGNOSE_CASES.oom.create();
    await eventually(() => DIAGNOSE_CASES.oom.settled(made.oom!), 30_000);
  });

  it('Docker runs the probes (the wait ends unhealthy); Podman runs none, and both answers say so', async () => {
    const wait = dataOf<{ met: boolean; timed_out: boolean; reason?: string; evidence?: string }>(
      await call(session, 'container_wait', {
        id: made.unhealthy!.name,
        condition: 'healthy',
        timeout_s: podman ? 6 : 60,
      }),
    );
    const verdict = dataOf<{ verdict: string }>(
      await call(session, 'container_diagnose', { id: made.unhealthy!.name }),
    ).verdict;
    if (podman) {
      expect(wait).toMatchObject({ met: false, timed_out: true });
      expect(wait.evidence).toContain('No probe has run since it started');
      expect(verdict).toMatch(
        /^running \(up .+\), but its healthcheck has never run \(.*\): Podman runs health checks from systemd timers/,
      );
    } else {
      expect(wait).toMatchObject({ met: false, reason: 'unhealthy' });
      expect(verdict).toMatch(
        /^unhealthy: `busybox nc 127\.0\.0\.1 8080 <\/dev\/null` failed \d+ times/,
      );
    }
  });

  it('Docker reports the OOM kill; Podman does not, and the verdict says memory is the likely cause', async () => {
    const data = dataOf<{ verdict: string; state: { oom_killed: boolean } }>(
      await call(session, 'container_diagnose', { id: made.oom!.name }),
    );
    expect(data.state.oom_killed).toBe(!podman);
    expect(data.verdict).toBe(
      podman
        ? 'exited 137: killed (SIGKILL); it has a memory limit of 16MiB and this engine does not report OOM kills, so memory is the likely cause'
        : 'exited 137: killed by the kernel for memory (limit 16MiB)',
    );
    const events = dataOf<Events>(
      await call(session, 'container_events', {
        since: '10m',
        filters: { container: made.oom!.name, event: 'oom' },
      }),
    );
    expect(events.rows.length > 0).toBe(!podman);
  });
});

describe('a wait for a log line on each engine', () => {
  it('follows the output of both streams until the line comes', async () => {
    const c = await createContainer({
      cmd: ['sh', '-c', 'echo booting; sleep 2; echo ready >&2; sleep 3600'],
    });
    const data = dataOf<{ met: boolean; line?: { stream: string; text: string } }>(
      await call(session, 'container_wait', {
        id: c.name,
        condition: 'log',
        pattern: '^ready$',
        timeout_s: 60,
      }),
    );
    expect(data).toMatchObject({ met: true, line: { stream: 'stderr', text: 'ready' } });
  });
});

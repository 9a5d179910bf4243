/**
 * A container's healthcheck as answers tell it: the command, the probes the engine kept (the
 * newest five), how many failed in a row, and whether any probe has run at all. Podman's
 * service runs health checks from systemd timers: where there are none (a service started
 * by hand, a container host without systemd) a healthcheck stays "starting" and no probe
 * ever runs, which a wait or a diagnosis must say rather than wait for.
 */
import type { ContainerInspect } from '../engine/index.js';
import { ellipsize } from '../render/bound.js';
import { plainText } from '../render/output/clean.js';
import { isZeroTime } from '../render/time.js';

/** A healthcheck command is shown, in every answer, up to this long: a script can be long. */
const COMMAND_CHARS = 120;

export interface Probe {
  exitCode: number;
  /** The probe's output, one line, cut. */
  output: string;
  /** When it ended (RFC 3339), when the engine says. */
  end?: string;
}

export interface HealthFacts {
  /** The check's command as a person would type it, cut to COMMAND_CHARS. */
  command: string;
  /** starting, healthy or unhealthy, as the engine says. */
  status: string;
  failingStreak: number;
  /** Retries before unhealthy (the engine's default, 3, when not set). */
  retries: number;
  /** Seconds between probes (the default, 30, when not set). */
  intervalS: number;
  /** Oldest first, as the engine keeps them. */
  probes: Probe[];
}

/** Longest probe output kept in an answer: the first line says what failed. */
const PROBE_OUTPUT_CHARS = 160;

/** The healthcheck, or undefined when the container has none (or it is disabled). */
export function healthFacts(container: ContainerInspect): HealthFacts | undefined {
  const check = container.Config.Healthcheck;
  const test = check?.Test ?? [];
  const health = container.State.Health;
  if (test[0] === 'NONE') return undefined;
  // Podman gives every container a Health, with an empty status when it has no check.
  if (test.length === 0 && !health?.Status) return undefined;
  return {
    command: ellipsize(commandOf(test), COMMAND_CHARS),
    status: health?.Status || 'starting',
    failingStreak: health?.FailingStreak ?? 0,
    retries: check?.Retries || 3,
    intervalS: (check?.Interval || 30e9) / 1e9,
    probes: (health?.Log ?? []).map((entry) => ({
      exitCode: entry.ExitCode,
      output: probeOutput(entry.Output),
      ...(entry.End && { end: entry.End }),
    })),
  };
}

/** ["CMD-SHELL", "curl -f x"] -> "curl -f x"; ["CMD", "a", "b"] -> "a b". */
export function commandOf(test: readonly string[]): string {
  const [kind, ...rest] = test;
  if (kind === 'CMD-SHELL' || kind === 'CMD') return rest.join(' ');
  return test.join(' ');
}

/** One line of a probe's output: its first non-empty line, plain, cut. */
function probeOutput(output: string): string {
  const first = output.split('\n').find((line) => line.trim() !== '') ?? '';
  return ellipsize(plainText(first.trim()), PROBE_OUTPUT_CHARS);
}

/**
 * No probe has run although the check should have run one by now: two intervals after the
 * container started. Podman without systemd timers does this; so does a paused container.
 */
export function probesOverdue(
  container: ContainerInspect,
  health: HealthFacts,
  now = Date.now(),
): boolean {
  if (health.probes.length > 0 || !container.State.Running) return false;
  if (isZeroTime(container.State.StartedAt)) return false;
  return now - Date.parse(container.State.StartedAt) > 2 * health.intervalS * 1000 + 2000;
}

/** "exit 1: nc: can't connect ... Connection refused" for a verdict or a wait's evidence. */
export function describeProbe(probe: Probe): string {
  return `exit ${probe.exitCode}${probe.output ? `: ${probe.output}` : ' (no output)'}`;
}

/** What the health facts say in one sentence: the failing run, or the passing one. */
export function describeHealth(health: HealthFacts): string {
  const last = health.probes.at(-1);
  const probe = last ? `; last probe ${describeProbe(last)}` : '; no probe has run yet';
  if (health.status === 'unhealthy')
    return `unhealthy: \`${health.command}\` failed ${health.failingStreak} times in a row${probe}`;
  if (health.status === 'healthy') return `healthy: \`${health.command}\` passes${probe}`;
  return `health ${health.status} (\`${health.command}\`, ${health.failingStreak} failed in a row)${probe}`;
}

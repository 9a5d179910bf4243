/**
 * A diagnosis in one line, the first thing its answer says:
 *
 *   "exited 137: killed by the kernel for memory (limit 64MiB)"
 *   "unhealthy: `busybox wget -q localhost:8080` failed 5 times: Connection refused"
 *   "running and healthy (up 3 minutes)"
 *
 * `borrow` cuts text the server did not write (a stderr line, a probe's output, the engine's
 * error) to what the answer's byte budget allows.
 */
import { humanDuration, isZeroTime } from '../render/time.js';
import type { DiagnosisFacts } from './diagnosis.js';
import { exitMeaning } from './exit-codes.js';
import { healthFacts, probesOverdue } from './health.js';
import { restartPolicyText } from './state.js';

export interface Verdict {
  line: string;
  /** Running as it should: the answer is this one line. */
  fine: boolean;
}

export type Borrow = (text: string, max: number) => string | undefined;

/** The most of a stderr line, a probe's output or an error a verdict quotes. */
const QUOTE_BYTES = 200;

export function verdictOf(facts: DiagnosisFacts, borrow: Borrow, now = Date.now()): Verdict {
  const { container, podman } = facts;
  const { State: state } = container;
  const health = healthFacts(container);
  const policy = restartPolicyText(container.HostConfig);
  const quoted = (text: string | undefined): string | undefined => {
    const kept = text && borrow(text, QUOTE_BYTES);
    return kept ? JSON.stringify(kept) : undefined;
  };
  const exit = exitMeaning(state.ExitCode, {
    oomKilled: state.OOMKilled,
    memoryLimit: container.HostConfig.Memory,
    oomUnreported: podman,
  });
  // Borrowed only by the verdicts that quote them: the budget is shared with the answer.
  const error = (): string | undefined => (state.Error ? quoted(state.Error) : undefined);
  const lastErr = (): string | undefined => quoted(facts.stderr.at(-1)?.text);
  switch (state.Status) {
    case 'running': {
      const up = isZeroTime(state.StartedAt)
        ? ''
        : ` (up ${humanDuration(now - Date.parse(state.StartedAt))})`;
      if (health?.status === 'unhealthy') {
        const output = quoted(health.probes.at(-1)?.output);
        return {
          line: `unhealthy: \`${borrow(health.command, QUOTE_BYTES) ?? 'its healthcheck'}\` failed ${health.failingStreak} times${output ? `: ${output}` : ''}`,
          fine: false,
        };
      }
      if (health && probesOverdue(container, health, now))
        return {
          line: `running${up}, but its healthcheck has never run (no probe in ${humanDuration(now - Date.parse(state.StartedAt))}, one due every ${health.intervalS} s)${podman ? ': Podman runs health checks from systemd timers, which this service does not have' : ''}`,
          fine: false,
        };
      if (container.RestartCount > 0)
        return {
          line: `running${up}, but it has restarted ${container.RestartCount} times (restart policy ${policy})`,
          fine: false,
        };
      if (health?.status === 'starting')
        return {
          line: `running${up}; health still starting${health.failingStreak > 0 ? `, ${health.failingStreak} probes failed so far` : ''}`,
          fine: health.failingStreak === 0,
        };
      return {
        line: `running${health ? ' and healthy' : ''}${up}${health ? '' : '; it has no healthcheck'}`,
        fine: true,
      };
    }
    case 'paused':
      return {
        line: 'paused: its processes are frozen; container_unpause resumes them',
        fine: false,
      };
    case 'restarting':
      return {
        line: `restarting: it keeps exiting (last exit ${state.ExitCode}: ${exit.text}); restarted ${container.RestartCount} times (restart policy ${policy})`,
        fine: false,
      };
    case 'created':
      if (state.Error || state.ExitCode !== 0) {
        const engineError = error();
        return {
          line: `its start failed with code ${state.ExitCode}: ${exit.text}${engineError ? `; engine error: ${engineError}` : ''}`,
          fine: false,
        };
      }
      return { line: 'created but never started: container_start starts it', fine: false };
    case 'dead': {
      const engineError = error();
      return {
        line: `dead: the engine could not stop or remove it${engineError ? `: ${engineError}` : ''}`,
        fine: false,
      };
    }
    case 'exited': {
      const engineError = error();
      const stderr = engineError === undefined && state.ExitCode !== 0 ? lastErr() : undefined;
      const evidence = engineError
        ? `; engine error: ${engineError}`
        : stderr
          ? `; last stderr: ${stderr}`
          : '';
      return { line: `exited ${state.ExitCode}: ${exit.text}${evidence}`, fine: false };
    }
    default:
      return { line: state.Status, fine: false };
  }
}

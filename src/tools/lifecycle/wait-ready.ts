/**
 * container_wait for readiness ("running", "healthy", a "log" line): the wait itself is
 * src/containers/readiness.ts; this is its answer. Every answer says which way it ended,
 * when, and the evidence: the matching line, the last health probe's output, the exit code.
 */
import type { ContainerInspect } from '../../engine/index.js';
import type { ToolAnswer, ToolContext } from '../../mcp/define.js';
import { withProgress } from '../../mcp/progress.js';
import { exitMeaning } from '../../containers/exit-codes.js';
import {
  describeHealth,
  describeProbe,
  healthFacts,
  probesOverdue,
} from '../../containers/health.js';
import { targetLabel } from '../../containers/lookup.js';
import { linePattern } from '../../containers/pattern-input.js';
import {
  ReadinessWait,
  type Readiness,
  type ReadyOutcome,
  type ReadyState,
} from '../../containers/readiness.js';
import { stateLine, stateOf, restartPolicyText } from '../../containers/state.js';
import type { SeenLine } from '../../containers/log-watch.js';
import type { Instant } from '../../containers/time-input.js';
import { ellipsize, quote } from '../../render/bound.js';
import { isZeroTime } from '../../render/time.js';
import { timedOutNext, timedOutText, type WaitData } from './wait-output.js';

export interface ReadyArgs {
  condition: Readiness;
  timeout_s: number;
  pattern?: string | undefined;
  since?: Instant | undefined;
}

/** The condition in words: met, not met yet, and what it would take. */
const MET: Record<Readiness, (pattern: string) => string> = {
  running: () => 'is running',
  healthy: () => 'is healthy',
  log: (pattern) => `wrote a line matching /${pattern}/`,
};
const GOAL: Record<Readiness, (pattern: string) => string> = {
  running: () => 'run',
  healthy: () => 'become healthy',
  log: (pattern) => `write a line matching /${pattern}/`,
};

/** A line quoted in an answer: its whole point, so longer than a cell, still bounded. */
const LINE_CHARS = 300;

export async function waitReady(
  args: ReadyArgs,
  id: string,
  ctx: ToolContext,
  deadline: number,
): Promise<ToolAnswer<WaitData>> {
  const started = Date.now();
  const label = targetLabel(ctx, id);
  const wait = new ReadinessWait(ctx.engine, id, {
    condition: args.condition,
    ...(args.pattern !== undefined && { pattern: linePattern(args.pattern) }),
    since: args.since?.nanos,
    deadline,
    signal: ctx.signal,
  });
  const outcome = await withProgress(ctx, wait.run(), args.timeout_s, (elapsed) =>
    progressMessage(label, args, elapsed, wait.state),
  );
  const waitedS = Math.round((Date.now() - started) / 100) / 10;
  return readyAnswer(args, label, outcome, wait.state, waitedS);
}

function progressMessage(
  label: string,
  args: ReadyArgs,
  elapsed: number,
  state: ReadyState,
): string {
  const now = state.container ? `; ${currently(state.container, args, state)}` : '';
  const goal = GOAL[args.condition](args.pattern ?? '');
  return `waiting for ${label} to ${goal}: ${elapsed} s of ${args.timeout_s} s${now}`;
}

/** What the container is doing now, as it bears on the condition. */
function currently(container: ContainerInspect, args: ReadyArgs, state?: ReadyState): string {
  const health = healthFacts(container);
  const parts = [container.State.Status];
  if (args.condition === 'healthy' && health) parts.push(describeHealth(health));
  if (args.condition === 'log' && state)
    parts.push(
      state.lastLine
        ? `${state.lines} lines read, none matching; last: ${quoted(state.lastLine)}`
        : 'no line read yet',
    );
  return parts.join('; ');
}

function readyAnswer(
  args: ReadyArgs,
  label: string,
  outcome: ReadyOutcome,
  state: ReadyState,
  waitedS: number,
): ToolAnswer<WaitData> {
  const container = state.container;
  const now = state.removed
    ? `Now: ${label}: removed (the engine no longer has it)`
    : container
      ? `Now: ${stateLine(container)}`
      : 'Its state is unknown: the engine did not answer in time.';
  const base: WaitData = {
    condition: args.condition,
    timed_out: outcome.kind === 'timed_out',
    met: outcome.kind === 'met',
    waited_s: waitedS,
    ...(container && !state.removed && { container: stateOf(container) }),
  };
  const waited = `(waited ${waitedS} s)`;
  const pattern = args.pattern ?? '';
  if (outcome.kind === 'met') {
    const { evidence, at } = metEvidence(args, outcome, container);
    return {
      text: `${label} ${MET[args.condition](pattern)} ${waited}: ${evidence}\n${now}`,
      data: {
        ...base,
        ...(at && { at }),
        evidence,
        ...(outcome.line && { line: lineData(outcome.line) }),
      },
    };
  }
  if (outcome.kind === 'cannot') {
    const why = cannotEvidence(args, outcome.reason, container, state);
    return {
      text: `${label} will not ${GOAL[args.condition](pattern)} by itself ${waited}: ${why.evidence}\n${now}`,
      data: {
        ...base,
        reason: outcome.reason,
        ...(why.at && { at: why.at }),
        evidence: why.evidence,
        ...(container &&
          (outcome.reason === 'exited' || outcome.reason === 'start_failed') && {
            exit_code: container.State.ExitCode,
          }),
      },
    };
  }
  const evidence = container ? `${currently(container, args, state)}.${overdue(container)}` : '';
  return {
    text: timedOutText(args, label, now, evidence),
    data: { ...base, ...(evidence && { evidence }), next: timedOutNext(args.condition, label) },
  };
}

function metEvidence(
  args: ReadyArgs,
  outcome: Extract<ReadyOutcome, { kind: 'met' }>,
  container: ContainerInspect | undefined,
): { evidence: string; at?: string } {
  if (outcome.line)
    return {
      evidence: `on ${outcome.line.stream}${outcome.line.time ? ` at ${outcome.line.time}` : ''}: ${quoted(outcome.line)}.`,
      ...(outcome.line.time && { at: outcome.line.time }),
    };
  const health = container && healthFacts(container);
  if (args.condition === 'healthy' && health) {
    const last = health.probes.at(-1);
    return {
      evidence: `its healthcheck \`${health.command}\` passed${last ? ` (${describeProbe(last)})` : ''}.`,
      ...(last?.end && { at: last.end }),
    };
  }
  const startedAt = container?.State.StartedAt;
  return {
    evidence: startedAt && !isZeroTime(startedAt) ? `started at ${startedAt}.` : 'it runs.',
    ...(startedAt && !isZeroTime(startedAt) && { at: startedAt }),
  };
}

function cannotEvidence(
  args: ReadyArgs,
  reason: string,
  container: ContainerInspect | undefined,
  state: ReadyState,
): { evidence: string; at?: string } {
  if (reason === 'removed') return { evidence: 'it was removed.' };
  if (!container) return { evidence: `it is ${reason}.` };
  const health = healthFacts(container);
  const { State: s } = container;
  if (reason === 'no_healthcheck')
    return {
      evidence:
        'it has no healthcheck, so it never becomes "healthy": wait for condition "running", or "log" with a pattern its output prints when it is ready.',
    };
  if (reason === 'unhealthy' && health)
    return {
      evidence: `${describeHealth(health)}. It will not become healthy by itself: container_diagnose tells why.`,
      ...(health.probes.at(-1)?.end && { at: health.probes.at(-1)?.end }),
    };
  const ended = exitMeaning(s.ExitCode, {
    oomKilled: s.OOMKilled,
    memoryLimit: container.HostConfig.Memory,
  });
  const before =
    args.condition === 'log'
      ? ` before writing a line matching /${args.pattern ?? ''}/ (${state.lines} lines read${state.lastLine ? `; last: ${quoted(state.lastLine)}` : ''})`
      : '';
  const verb =
    reason === 'dead'
      ? 'is dead'
      : reason === 'start_failed'
        ? `could not start (code ${s.ExitCode}: ${ended.text}): ${quote(s.Error, LINE_CHARS)}`
        : `exited with code ${s.ExitCode}: ${ended.text}`;
  return {
    evidence: `it ${verb}${before}; its restart policy (${restartPolicyText(container.HostConfig)}) will not start it again. container_diagnose tells why; container_start starts it.`,
    ...(!isZeroTime(s.FinishedAt) && { at: s.FinishedAt }),
  };
}

/** Podman without systemd timers runs no probe: say so rather than let a wait look slow. */
function overdue(container: ContainerInspect): string {
  const health = healthFacts(container);
  if (!health || !probesOverdue(container, health)) return '';
  return ` No probe has run since it started, though one is due every ${health.intervalS} s: the engine is not running its healthcheck (Podman runs them from systemd timers, which its service may not have).`;
}

function quoted(line: SeenLine): string {
  return quote(line.text, LINE_CHARS);
}

function lineData(line: SeenLine): { stream: string; text: string; time?: string } {
  return {
    stream: line.stream,
    text: ellipsize(line.text, LINE_CHARS),
    ...(line.time && { time: line.time }),
  };
}

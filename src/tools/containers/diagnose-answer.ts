/**
 * container_diagnose's answer: the verdict first, on one line (alone, for a container that
 * runs as it should); then the state, the health probes, the last lines of stderr and
 * stdout, the recent events, and where to look next. Both forms hold the same facts and stay
 * within MAX_TOKENS each: the server's own words are few and measured (test/integration/
 * diagnose.test.ts), and every piece of borrowed text (log lines, probe output, the
 * engine's error) draws on one byte budget, which bounds its tokens whatever it holds.
 */
import { z } from 'zod';
import type { ToolAnswer } from '../../mcp/define.js';
import type { DiagnosisFacts } from '../../containers/diagnosis.js';
import { exitMeaning } from '../../containers/exit-codes.js';
import { healthFacts, type Probe } from '../../containers/health.js';
import { restartPolicyText } from '../../containers/state.js';
import { verdictOf } from '../../containers/verdict.js';
import { ellipsize } from '../../render/bound.js';
import { ByteBudget } from '../../render/byte-budget.js';
import { nameOf, shortId } from '../../render/containers.js';
import { commonDay, eventDetails, type EventRow } from '../../render/events.js';
import { humanDuration, isZeroTime, shortTimestamp } from '../../render/time.js';

/** The issue's bound on either form, in tokens (cl100k). */
export const MAX_TOKENS = 1500;
/** Borrowed text, all of it: at most this many bytes, so at most this many tokens. */
const BORROWED_BYTES = 1000;
/** One log line or probe output: its start says what happened. */
const LINE_BYTES = 160;
const PROBES = 3;
/** Names as the engine allows them are ASCII; long ones are cut. */
const NAME_CHARS = 64;

const probeData = z.object({
  exit_code: z.number(),
  output: z.string(),
  end: z.string().optional().describe('When it ended (the last of them, when repeated)'),
  times: z.number().optional().describe('How many probes in a row gave this same answer'),
});

export const diagnoseOutput = z.object({
  verdict: z
    .string()
    .describe('Why it is not running or not healthy, in one line; or that it is fine'),
  container: z.object({ id: z.string(), name: z.string(), image: z.string().optional() }),
  state: z
    .object({
      status: z.string(),
      exit_code: z.number().optional(),
      meaning: z.string().optional().describe('What the exit code means'),
      oom_killed: z.boolean().optional(),
      started_at: z.string().optional(),
      finished_at: z.string().optional(),
      restart_policy: z.string().optional(),
      restart_count: z.number().optional(),
      error: z.string().optional().describe("The engine's error about its last start or exit"),
    })
    .optional(),
  health: z
    .object({
      command: z.string(),
      status: z.string(),
      failing_streak: z.number(),
      probes: z.array(probeData).describe('The newest probes, oldest first'),
    })
    .optional(),
  stderr: z.array(z.string()).optional().describe('Its last stderr lines, oldest first'),
  stdout: z.array(z.string()).optional().describe('Its last stdout lines, oldest first'),
  output_note: z.string().optional().describe('Why output is missing or merged'),
  events: z
    .object({
      day: z.string().optional(),
      columns: z.array(z.string()),
      rows: z.array(z.array(z.string())),
    })
    .optional()
    .describe('Its recent events, oldest first'),
  next: z.string().optional().describe('Where to look next'),
});

type DiagnoseData = z.output<typeof diagnoseOutput>;

export function diagnoseAnswer(facts: DiagnosisFacts, now = Date.now()): ToolAnswer<DiagnoseData> {
  const { container } = facts;
  const name = ellipsize(nameOf(container), NAME_CHARS);
  const budget = new ByteBudget(BORROWED_BYTES);
  const borrow = (text: string, max: number): string | undefined => budget.take(text, max);
  const verdict = verdictOf(facts, borrow, now);
  const who = { id: shortId(container.Id), name };
  const headline = `${name} (${who.id}): ${verdict.line}`;
  if (verdict.fine)
    return { text: `${headline}.`, data: { verdict: verdict.line, container: who } };

  const image = ellipsize(container.Config.Image ?? container.Image, NAME_CHARS);
  const { State: s } = container;
  const stopped = s.Status === 'exited' || s.Status === 'dead';
  const started = shortTimestamp(s.StartedAt);
  const finished = stopped ? shortTimestamp(s.FinishedAt) : undefined;
  const error = s.Error ? borrow(s.Error, 200) : undefined;
  const policy = restartPolicyText(container.HostConfig);
  const state: DiagnoseData['state'] = {
    status: s.Status,
    ...(stopped && {
      exit_code: s.ExitCode,
      meaning: exitMeaning(s.ExitCode, {
        oomKilled: s.OOMKilled,
        memoryLimit: container.HostConfig.Memory,
        oomUnreported: facts.podman,
      }).short,
      oom_killed: s.OOMKilled,
    }),
    ...(started && { started_at: started }),
    ...(finished && { finished_at: finished }),
    restart_policy: policy,
    restart_count: container.RestartCount,
    ...(error && { error }),
  };

  // Borrowed text in order of worth: the probes that failed, then stderr, then stdout.
  const health = healthFacts(container);
  const probes = folded(health?.probes ?? []).flatMap((probe) => {
    const output = probe.output === '' ? '' : borrow(probe.output, LINE_BYTES);
    return output === undefined ? [] : [{ ...probe, output }];
  });
  const lines = (from: DiagnosisFacts['stderr']): string[] => {
    const kept: string[] = [];
    for (const line of [...from].reverse()) {
      const text = borrow(line.text, LINE_BYTES);
      if (text === undefined) break;
      kept.unshift(text);
    }
    return kept;
  };
  const stderr = lines(facts.stderr);
  const stdout = lines(facts.stdout);
  const tty = container.Config.Tty ?? false;
  const outputNote = facts.logsError
    ? `Its logs cannot be read: ${borrow(facts.logsError, 200) ?? 'the engine refused'}.`
    : tty
      ? 'A TTY merges stdout and stderr: its output is all under stdout.'
      : undefined;
  // Said in both forms: without it, an answer without events looks like a quiet container.
  const eventsNote = facts.eventsError
    ? `Its events cannot be read: ${borrow(facts.eventsError, 200) ?? 'the engine refused'}.`
    : undefined;
  const dataNote = [outputNote, eventsNote].filter(Boolean).join(' ');
  const command = health?.command ?? '';
  const events = facts.events?.rows ?? [];
  const day = commonDay(events);
  const eventCells = (row: EventRow): string[] => [
    day ? row.time.slice(11) : row.time,
    row.action,
    ellipsize(eventDetails(row), 40),
  ];
  const next = `container_logs ${name} for more output (tail, grep); container_events for more of its history.`;

  const text = [
    headline,
    `State: ${describeState(container, state, image, now)}`,
    ...(health
      ? [
          `Health: \`${command}\`: ${health.status}, ${health.failingStreak} failed in a row${probes.length > 0 ? '; last probes, oldest first:' : '; no probe has run.'}`,
          ...probes.map(
            (p) =>
              `  ${p.end ? `${shortTimestamp(p.end)} ` : ''}exit ${p.exitCode}${p.output ? `: ${p.output}` : ''}${p.times > 1 ? ` (${p.times} in a row, the last then)` : ''}`,
          ),
        ]
      : []),
    ...(outputNote ? [outputNote] : []),
    ...section('Last stderr lines, oldest first:', stderr),
    ...section(`Last ${tty ? 'output' : 'stdout'} lines, oldest first:`, stdout),
    ...(eventsNote
      ? [eventsNote]
      : section(
          `Recent events${day ? ` (UTC ${day})` : ''}:`,
          events.map((row) => eventCells(row).filter(Boolean).join(' ')),
        )),
    `Next: ${next}`,
  ].join('\n');
  return {
    text,
    data: {
      verdict: verdict.line,
      container: { ...who, image },
      state,
      ...(health && {
        health: {
          command,
          status: health.status,
          failing_streak: health.failingStreak,
          probes: probes.map((p) => ({
            exit_code: p.exitCode,
            output: p.output,
            ...(p.end && { end: shortTimestamp(p.end) ?? p.end }),
            ...(p.times > 1 && { times: p.times }),
          })),
        },
      }),
      ...(stderr.length > 0 && { stderr }),
      ...(stdout.length > 0 && { stdout }),
      ...(dataNote && { output_note: dataNote }),
      ...(events.length > 0 && {
        events: {
          ...(day && { day }),
          columns: ['time', 'action', 'details'],
          rows: events.map(eventCells),
        },
      }),
      next,
    },
  };
}

/** The newest probes, identical answers in a row told once with their count. */
function folded(probes: readonly Probe[]): (Probe & { times: number })[] {
  const runs: (Probe & { times: number })[] = [];
  for (const probe of probes) {
    const last = runs.at(-1);
    if (last && last.exitCode === probe.exitCode && last.output === probe.output) {
      last.times += 1;
      if (probe.end) last.end = probe.end;
    } else runs.push({ ...probe, times: 1 });
  }
  return runs.slice(-PROBES);
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [title, ...lines.map((line) => `  ${line}`)];
}

/** "exited at T after 0.5 s (started T); image busybox:local; restart policy no, restarted 0 times; engine error: …". */
function describeState(
  container: DiagnosisFacts['container'],
  state: NonNullable<DiagnoseData['state']>,
  image: string,
  now: number,
): string {
  const s = container.State;
  const ran =
    state.finished_at && !isZeroTime(s.StartedAt) && !isZeroTime(s.FinishedAt)
      ? ` after running ${humanDuration(Math.max(0, Date.parse(s.FinishedAt) - Date.parse(s.StartedAt)))}`
      : '';
  const when = state.finished_at
    ? `${state.status} at ${state.finished_at}${ran}${state.started_at ? ` (started ${state.started_at})` : ''}`
    : `${state.status}${state.started_at ? ` since ${state.started_at} (${humanDuration(now - Date.parse(s.StartedAt))})` : ''}`;
  const oom = state.oom_killed ? '; killed by the OOM killer' : '';
  return `${when}${oom}; image ${image}; restart policy ${state.restart_policy ?? 'no'}, restarted ${state.restart_count ?? 0} times${state.error ? `; engine error: ${state.error}` : ''}.`;
}

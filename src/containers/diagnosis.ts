/**
 * What a diagnosis reads from the engine, all at once: the container's last output on each
 * stream (the lines before it stopped), its recent events, and whether the engine reports
 * OOM kills (Podman 4 does not). The container's own document comes from the call's one
 * lookup. Every read is bounded: a few lines per stream, a few events, one day back.
 */
import { containerLogs } from '../engine/api/output.js';
import { EngineError, readOutput, type ContainerInspect, type Engine } from '../engine/index.js';
import { parseRfc3339 } from '../engine/timestamps.js';
import { OutputCollector } from '../render/output/collector.js';
import type { OutputLine } from '../render/output/render.js';
import { collectEvents, type CollectedEvents } from './events.js';

export interface DiagnosisFacts {
  container: ContainerInspect;
  podman: boolean;
  /** The newest lines of each stream (a TTY's all on stdout), oldest first. */
  stderr: OutputLine[];
  stdout: OutputLine[];
  /** Why the logs could not be read (a logging driver without reads), when they could not. */
  logsError?: string;
  /** Undefined when the engine would not give its events (the reason in eventsError). */
  events?: CollectedEvents;
  eventsError?: string;
}

/** Lines read per stream; the answer's byte budget decides how many it shows. */
const TAIL_LINES = 12;
/** Events kept; exec events (health probes) are left out. */
const RECENT_EVENTS = 8;
/** How far back events are read: a diagnosis is about what just happened. */
const EVENTS_WINDOW_NS = 24n * 3600n * 1_000_000_000n;

export async function gatherDiagnosis(
  engine: Engine,
  container: ContainerInspect,
  signal: AbortSignal,
): Promise<DiagnosisFacts> {
  const tty = container.Config.Tty ?? false;
  const now = BigInt(Date.now()) * 1_000_000n;
  const created = parseRfc3339(container.Created) ?? now - EVENTS_WINDOW_NS;
  const since = created > now - EVENTS_WINDOW_NS ? created : now - EVENTS_WINDOW_NS;
  const [podman, stderr, stdout, events] = await Promise.all([
    engine.flavor(signal).then((flavor) => flavor === 'podman'),
    tty ? Promise.resolve([]) : readable(tail(engine, container, 'stderr', signal)),
    readable(tail(engine, container, 'stdout', signal)),
    readable(
      collectEvents(engine, {
        since,
        until: now,
        filter: { types: ['container'], containers: [container.Id] },
        limit: RECENT_EVENTS,
        maxBytes: 2048,
        signal,
      }),
    ),
  ]);
  const logsError = [stderr, stdout].find((read) => 'error' in read);
  return {
    container,
    podman,
    stderr: 'error' in stderr ? [] : stderr,
    stdout: 'error' in stdout ? [] : stdout,
    ...(logsError && 'error' in logsError && { logsError: logsError.error }),
    ...('error' in events ? { eventsError: events.error } : { events }),
  };
}

/**
 * A part the engine refuses (logs under a driver it cannot read, events it does not keep)
 * is said in the diagnosis, not a failure of it; a cancel or a broken engine still is.
 */
async function readable<T>(work: Promise<T>): Promise<T | { error: string }> {
  try {
    return await work;
  } catch (error) {
    if (
      error instanceof EngineError &&
      ['engine', 'bad_request', 'unsupported'].includes(error.code)
    )
      return { error: error.message };
    throw error;
  }
}

async function tail(
  engine: Engine,
  container: ContainerInspect,
  stream: 'stdout' | 'stderr',
  signal: AbortSignal,
): Promise<OutputLine[]> {
  const tty = container.Config.Tty ?? false;
  const collector = new OutputCollector({
    maxLines: TAIL_LINES,
    maxBytes: 16 * 1024,
    maxLineBytes: 1000,
  });
  const response = await engine.request(containerLogs, {
    params: { id: container.Id },
    query: {
      stdout: stream === 'stdout',
      stderr: stream === 'stderr',
      tail: TAIL_LINES,
    },
    signal,
  });
  for await (const frames of readOutput(response.body, { tty, signal, ...response.context }))
    for (const frame of frames) collector.push(frame);
  return collector.finish().entries.filter((entry): entry is OutputLine => !('gap' in entry));
}

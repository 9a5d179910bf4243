/**
 * Containers changing, as resource notifications: a container's root resource
 * (container://NAME/, what resources/list gives) is updated when it is created, starts,
 * stops, dies, pauses, resumes, is renamed, reports a health change or is removed; the
 * resource list changes when a container comes, goes or is renamed.
 *
 * One engine events stream per engine, opened with the first listener and closed after the
 * last, reconnecting after an engine restart (engine/events-read.ts): what happened during
 * the break is read first, and the list is said to have changed. Events of one container
 * within COALESCE_MS make one notification. Under --scope-label the engine is asked, and
 * every event checked, for the label: nothing is said about containers outside the scope.
 */
import { fileUri } from '../containers/file-uri.js';
import { STATE_ACTIONS } from '../containers/state.js';
import type { Engine, EngineRegistry } from '../engine/index.js';
import type { EngineEvent, EventFilter } from '../engine/events.js';
import { followEvents } from '../engine/events-read.js';
import type { Logger } from '../log.js';
import { scopeFilter, type ScopeLabel } from '../safety/policy/scope.js';

/** Where the notifications go: a stdio connection's server, or the HTTP handler's bus. */
interface ChangeSink {
  updated(uri: string): void;
  listChanged(): void;
}

/** The actions that change which containers there are (and so the list's URIs). */
const LIST_ACTIONS: ReadonlySet<string> = new Set(['create', 'rename', 'destroy']);

/** A burst of events of one container (stop: kill, die, stop) makes one notification. */
const COALESCE_MS = 250;

export class ContainerChanges {
  private readonly sinks = new Set<ChangeSink>();
  private readonly pending = new Set<string>();
  private listPending = false;
  private running: AbortController | undefined;
  private readonly filter: EventFilter;

  constructor(
    private readonly engines: EngineRegistry,
    scope: ScopeLabel | undefined,
    private readonly log: Logger,
    private readonly coalesceMs = COALESCE_MS,
  ) {
    this.filter = {
      types: ['container'],
      actions: STATE_ACTIONS,
      ...(scope && { labels: [scopeFilter(scope)] }),
    };
  }

  /** Start sending to `sink`; the streams open with the first sink. Returns the detach. */
  attach(sink: ChangeSink): () => void {
    this.sinks.add(sink);
    if (!this.running) this.start();
    return () => {
      this.sinks.delete(sink);
      if (this.sinks.size === 0) this.stop();
    };
  }

  stop(): void {
    this.running?.abort();
    this.running = undefined;
  }

  private start(): void {
    const running = new AbortController();
    this.running = running;
    // From now, not from whenever the engine's stream opens: a change made while it connects
    // (a listener that acts right after its subscription was acknowledged) is not lost.
    const since = BigInt(Date.now()) * 1_000_000n;
    for (const engine of this.engines.all) void this.follow(engine, since, running.signal);
  }

  private async follow(engine: Engine, since: bigint, signal: AbortSignal): Promise<void> {
    const on = this.engines.several ? ` of engine "${engine.name}"` : '';
    try {
      for await (const event of followEvents(engine, {
        since,
        filter: this.filter,
        signal,
        hooks: {
          onBreak: (error, attempt) => {
            if (attempt === 1)
              this.log.info(
                `the events${on} broke off (${error?.message ?? 'ended'}); reading them again`,
              );
          },
          // What happened during the break comes first; the list may have changed too.
          onResume: () => this.listChanged(),
        },
      }))
        this.seen(engine, event);
    } catch (error) {
      if (!signal.aborted) this.log.warn(`container changes${on} are no longer followed`, error);
    }
  }

  private seen(engine: Engine, event: EngineEvent): void {
    const name = event.attributes.name;
    if (!name) return;
    const several = this.engines.several ? engine.name : undefined;
    this.updated(fileUri(name, '/', several));
    const old = event.attributes.oldName?.replace(/^\//, '');
    if (event.action === 'rename' && old) this.updated(fileUri(old, '/', several));
    if (LIST_ACTIONS.has(event.action)) this.listChanged();
  }

  private updated(uri: string): void {
    if (this.pending.has(uri)) return;
    this.pending.add(uri);
    setTimeout(() => {
      this.pending.delete(uri);
      for (const sink of this.sinks) sink.updated(uri);
    }, this.coalesceMs).unref();
  }

  private listChanged(): void {
    if (this.listPending) return;
    this.listPending = true;
    setTimeout(() => {
      this.listPending = false;
      for (const sink of this.sinks) sink.listChanged();
    }, this.coalesceMs).unref();
  }
}

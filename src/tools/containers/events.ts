import { z } from 'zod';
import { defineTool } from '../../mcp/define.js';
import {
  attributeClash,
  collectEvents,
  eventFilters,
  toEventFilter,
} from '../../containers/events.js';
import { instantInput } from '../../containers/time-input.js';
import { eventsAnswer, eventsOutput } from './events-answer.js';

/** How far back a call without `since` looks. */
export const DEFAULT_EVENTS_WINDOW_MS = 3600_000;
const MAX_EVENTS = 1000;
/** The rows' text stays within this, newest kept: a page of events a model reads at once. */
const EVENTS_BYTES = 24 * 1024;

export const eventsInput = z
  .strictObject({
    since: instantInput('Events at or after this time (default: 1 hour ago)'),
    until: instantInput('Events at or before this time (default: now)'),
    filters: eventFilters,
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_EVENTS)
      .default(100)
      .describe(`At most this many events, the newest (default 100, at most ${MAX_EVENTS})`),
  })
  .superRefine((value, ctx) => {
    if (value.since && value.until && value.since.nanos > value.until.nanos)
      ctx.addIssue({
        code: 'custom',
        path: ['until'],
        message: `until (${value.until.display}) is before since (${value.since.display})`,
      });
  });

export type EventsArgs = z.output<typeof eventsInput>;

export const containerEvents = defineTool({
  name: 'container_events',
  title: 'Engine events',
  description:
    'What happened to containers between two times (`docker events`): one line per event: time, container, action (start, die, kill, oom, health_status, destroy, ...) and its exit code, signal or health status. ' +
    'Container events unless `filters.type` asks for image, volume or network ones; default: the last hour. ' +
    'The newest `limit` events; a cut answer gives the `until` that reads earlier ones.',
  input: eventsInput,
  output: eventsOutput,
  // The scope adds its label to filters.label: only its containers' events pass.
  effects: { always: [], targets: { matching: 'filters' } },
  async run(args, ctx) {
    const now = BigInt(Date.now()) * 1_000_000n;
    const until = args.until && args.until.nanos < now ? args.until.nanos : now;
    const since = args.since?.nanos ?? now - BigInt(DEFAULT_EVENTS_WINDOW_MS) * 1_000_000n;
    const filter = toEventFilter(args.filters);
    const clash = attributeClash(filter);
    if (clash !== undefined)
      return {
        isError: true,
        text: `container_events cannot filter on the label "${clash}": engines write an attribute of that name on every container event, next to its labels, so the two cannot be told apart. Filter by container or event instead${ctx.config.policy.scopeLabel?.key === clash ? ' (this server scopes containers by that label, so it cannot show events: --scope-label)' : ''}.`,
      };
    const collected = await collectEvents(ctx.engine, {
      since,
      until,
      filter,
      limit: args.limit,
      maxBytes: EVENTS_BYTES,
      signal: ctx.signal,
    });
    return eventsAnswer({
      args,
      since,
      until,
      untilClamped: args.until !== undefined && args.until.nanos > now,
      filter,
      collected,
    });
  },
});

/** container_events' arguments, and the bounds its answer keeps to. */
import { z } from 'zod';
import { eventFilters } from '../../containers/events.js';
import { instantInput } from '../../containers/time-input.js';

/** How far back a call without `since` looks. */
export const DEFAULT_EVENTS_WINDOW_MS = 3600_000;
const MAX_EVENTS = 1000;
/** The rows' text stays within this, newest kept: a page of events a model reads at once. */
export const EVENTS_BYTES = 24 * 1024;

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

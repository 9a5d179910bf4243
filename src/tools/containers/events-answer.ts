/**
 * container_events' answer: one header sentence (what range, which filter, how many), what
 * was left out and how to read it, what the engine could not give; then a table, one event a
 * row, oldest first. The structured form has the same table (columns once, rows as lists)
 * and the same sentences in its fields.
 */
import { z } from 'zod';
import { DOCKER_KEPT_EVENTS, type EventFilter } from '../../engine/index.js';
import { formatUnixSeconds } from '../../engine/timestamps.js';
import type { ToolAnswer } from '../../mcp/define.js';
import type { CollectedEvents } from '../../containers/events.js';
import { commonDay, eventDetails, eventTime, type EventRow } from '../../render/events.js';
import { renderTable, tableData, type Column } from '../../render/table.js';
import { countOf } from '../../render/units.js';
import { ellipsize } from '../../render/bound.js';
import type { EventsArgs } from './events-input.js';

export const eventsOutput = z.object({
  since: z.string().describe('Start of the range read (RFC 3339)'),
  until: z.string().describe('End of the range read (RFC 3339)'),
  day: z
    .string()
    .optional()
    .describe('The UTC day of every event, when they share one: times are then of that day'),
  columns: z.array(z.string()).describe('Names of each row’s values, in order'),
  rows: z.array(z.array(z.string())).describe('One event a row, oldest first'),
  matched: z.number().describe('Events that matched the filters in the range'),
  left_out: z
    .string()
    .optional()
    .describe('Which earlier events are not shown, and the arguments that read them'),
  earlier_until: z
    .string()
    .optional()
    .describe('Pass as `until` (other arguments unchanged) to read the events before these'),
  next_since: z.string().describe('Pass as `since` to read only events after this range'),
  note: z.string().optional().describe('What the engine could not give, and what else to know'),
});

type EventsData = z.output<typeof eventsOutput>;

/** The columns, times within `day` when every row is of that UTC day (the date once, not per row). */
const columns = (day: string | undefined): Column<EventRow>[] => [
  { header: 'TIME', value: (row) => (day ? row.time.slice(day.length + 1) : row.time) },
  { header: 'NAME', value: (row) => row.name, max: 64 },
  { header: 'ACTION', value: (row) => row.action },
  {
    header: 'DETAILS',
    value: eventDetails,
    max: 160,
  },
];

export interface EventsResult {
  args: EventsArgs;
  since: bigint;
  until: bigint;
  untilClamped: boolean;
  filter: EventFilter;
  collected: CollectedEvents;
}

export function eventsAnswer(result: EventsResult): ToolAnswer<EventsData> {
  const { collected, filter } = result;
  const since = eventTime(result.since);
  const until = eventTime(result.until);
  const shown = collected.rows.reduce((sum, row) => sum + row.repeated, 0);
  const earlierUntil =
    collected.leftOut > 0 && collected.oldestKept !== undefined
      ? formatUnixSeconds(collected.oldestKept - 1n)
      : undefined;
  const leftOut =
    earlierUntil === undefined
      ? undefined
      : `${countOf(collected.leftOut, 'earlier event')} left out (limit ${result.args.limit}${collected.rows.length < result.args.limit ? ' and the size of one answer' : ''}). To read them: until: "${earlierUntil}".`;
  const notes = [
    ...(result.untilClamped ? ['until is in the future: read up to now.'] : []),
    ...storeNote(collected),
    ...(collected.reading.capped
      ? [
          `Stopped after reading ${collected.reading.read} events from the engine: pass a later since, or narrow the filters.`,
        ]
      : []),
    ...(collected.execLeftOut > 0
      ? [
          `${countOf(collected.execLeftOut, 'exec event')} (health probes and execs) left out: add "exec_die" to filters.event to see them.`,
        ]
      : []),
  ];
  const day = commonDay(collected.rows);
  const headline = `${describeKind(filter)} from ${since} to ${until}${describeFilter(filter)}: ${
    shown === 0
      ? 'none'
      : `${countOf(shown, 'event')}, oldest first${day ? `, times UTC on ${day}` : ''}`
  }.`;
  const header = [headline, ...(leftOut ? [leftOut] : []), ...notes];
  const COLUMNS = columns(day);
  const table = collected.rows.length > 0 ? `\n\n${renderTable(COLUMNS, collected.rows)}` : '';
  const note = notes.join(' ');
  return {
    text: `${header.join('\n')}${table}`,
    data: {
      since,
      until,
      ...(day && { day }),
      ...tableData(COLUMNS, collected.rows),
      matched: collected.matched,
      ...(leftOut && { left_out: leftOut }),
      ...(earlierUntil && { earlier_until: earlierUntil }),
      next_since: formatUnixSeconds(result.until + 1n),
      ...(note && { note }),
    },
  };
}

/** Docker's store of past events is small: say when it did not reach back to `since`. */
function storeNote(collected: CollectedEvents): string[] {
  const start = collected.reading.storeStartsAt;
  if (start === undefined) return [];
  return [
    `Docker keeps only its newest ${DOCKER_KEPT_EVENTS} events in memory: the oldest it still has is from ${eventTime(start)}, so anything earlier in this range is gone (each health probe writes three).`,
  ];
}

function describeKind(filter: EventFilter): string {
  const types = filter.types ?? ['container'];
  if (types.length === 1 && types[0] === 'container') return 'Container events';
  return `Events (${types.join(', ')})`;
}

function describeFilter(filter: EventFilter): string {
  const parts = [
    filter.containers && `container ${filter.containers.join(' or ')}`,
    filter.actions && `event ${filter.actions.join(' or ')}`,
    filter.labels && `label ${filter.labels.join(' and ')}`,
  ].filter(Boolean);
  // The caller's own values, echoed: kept short whatever was sent.
  return parts.length === 0 ? '' : ` (${ellipsize(parts.join('; '), 200)})`;
}

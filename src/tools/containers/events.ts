import { defineTool } from '../../mcp/define.js';
import { attributeClash, collectEvents, toEventFilter } from '../../containers/events.js';
import { eventsAnswer, eventsOutput } from './events-answer.js';
import { DEFAULT_EVENTS_WINDOW_MS, EVENTS_BYTES, eventsInput } from './events-input.js';

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

/**
 * container_events through a real MCP client against the real engine: events between two
 * times, with filters, paging back, and under --scope-label nothing about other containers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  FILE_LABEL,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

interface EventsData {
  since: string;
  until: string;
  day?: string;
  columns: string[];
  rows: string[][];
  matched: number;
  left_out?: string;
  earlier_until?: string;
  next_since: string;
  note?: string;
}

const SCOPE = `cmcp.events.scope=${FILE_LABEL.split('=')[1]}`;
const [SCOPE_KEY, SCOPE_VALUE] = SCOPE.split('=') as [string, string];

let session: Session;
let scoped: Session;
let a: TestContainer;
let b: TestContainer;
/** Unix seconds: before a's events, between a's and b's, after b's. */
let t0: string;
let t1: string;
let t2: string;

const unixNow = (): string => (Date.now() / 1000).toFixed(3);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  [session, scoped] = await Promise.all([
    startServer(),
    startServer({ args: ['--scope-label', SCOPE] }),
  ]);
  t0 = unixNow();
  await pause(20);
  a = await createContainer({ cmd: ['sh', '-c', 'exit 3'], labels: { [SCOPE_KEY]: SCOPE_VALUE } });
  await docker('POST', `/containers/${a.id}/wait`);
  await pause(20);
  t1 = unixNow();
  await pause(20);
  b = await createContainer({ cmd: ['sleep', '3600'] });
  await docker('POST', `/containers/${b.id}/kill?signal=SIGKILL`);
  await docker('POST', `/containers/${b.id}/wait`);
  await pause(20);
  t2 = unixNow();
});
afterAll(async () => {
  await Promise.all([session?.close(), scoped?.close()]);
  await removeTestContainers();
});

const events = async (args: Record<string, unknown>, on: Session = session) => {
  const result = await call(on, 'container_events', args);
  const data = dataOf<EventsData>(result);
  const at = (name: string) => data.columns.indexOf(name);
  const rows = data.rows.map((row) => ({
    time: row[at('time')]!,
    name: row[at('name')]!,
    action: row[at('action')]!,
    details: row[at('details')]!,
  }));
  return { text: textOf(result), data, rows };
};

describe('container_events', () => {
  it("between two times: one container's events in order, with the exit code", async () => {
    const { rows, text, data } = await events({
      since: t0,
      until: t1,
      filters: { label: FILE_LABEL },
    });
    expect(rows.map((row) => `${row.name} ${row.action} ${row.details}`)).toEqual([
      `${a.name} create busybox:local`,
      `${a.name} start `,
      `${a.name} die exit 3`,
    ]);
    expect(text).toContain(`${a.name}  die     exit 3`);
    expect(text).toMatch(
      /^Container events from \S+ to \S+ \(label [^)]+\): 3 events, oldest first/,
    );
    // every row of one UTC day: the day is said once, times are within it
    expect(data.day).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(rows[0]!.time).toMatch(/^\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('filters by container and event; a kill names its signal', async () => {
    const die = await events({
      since: t0,
      until: t2,
      filters: { container: a.name, event: 'die' },
    });
    expect(die.rows.map((row) => row.details)).toEqual(['exit 3']);
    const killed = await events({
      since: t1,
      until: t2,
      filters: { container: [b.name], event: ['kill', 'die'] },
    });
    expect(killed.rows.map((row) => `${row.action} ${row.details}`)).toEqual([
      'kill SIGKILL',
      'die exit 137',
    ]);
    const none = await events({ since: t0, until: t1, filters: { container: b.name } });
    expect(none.rows).toEqual([]);
    expect(none.text).toMatch(/: none\.$/m);
  });

  it('keeps the newest events and pages back with earlier_until', async () => {
    const newest = await events({ since: t0, until: t1, filters: { container: a.name }, limit: 1 });
    expect(newest.rows.map((row) => row.action)).toEqual(['die']);
    expect(newest.data.left_out).toBe(
      `2 earlier events left out (limit 1). To read them: until: "${newest.data.earlier_until}".`,
    );
    expect(newest.text).toContain(newest.data.left_out);
    const before = await events({
      since: t0,
      until: newest.data.earlier_until,
      filters: { container: a.name },
      limit: 1,
    });
    expect(before.rows.map((row) => row.action)).toEqual(['start']);
  });

  it('refuses an until before since and an unknown event, naming the field', async () => {
    const backwards = await call(session, 'container_events', { since: t1, until: t0 });
    expect(backwards.isError).toBe(true);
    expect(textOf(backwards)).toMatch(/until.*is before since/);
    const unknown = await call(session, 'container_events', { filters: { event: 'died' } });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('filters.event');
    expect(textOf(unknown)).toContain('"die"');
  });
});

describe('container_events under --scope-label', () => {
  it("shows the scope's containers' events and nothing about any other", async () => {
    const all = await events(
      { since: t0, until: t2, filters: { type: ['container', 'network'] } },
      scoped,
    );
    expect(all.rows.map((row) => `${row.name} ${row.action}`)).toEqual([
      `${a.name} create`,
      `${a.name} start`,
      `${a.name} die`,
    ]);
    for (const form of [all.text, JSON.stringify(all.data)]) {
      expect(form).not.toContain(b.name);
      expect(form).not.toContain(b.id.slice(0, 12));
    }
    // Naming the other container gets what a missing one gets: nothing.
    const other = await events({ since: t0, until: t2, filters: { container: b.name } }, scoped);
    expect(other.rows).toEqual([]);
    expect(other.data.matched).toBe(0);
  });
});

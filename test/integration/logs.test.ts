/** container_logs through a real MCP client against the real engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  eventually,
  inspect,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { linesOf, type DataLine, type Line } from '../helpers/lines.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

interface LogsData {
  container: { id: string; name: string; tty?: true };
  streams: ('stdout' | 'stderr')[];
  lines: DataLine[];
  read: number;
  matched?: number;
  omitted: number;
  left_out?: string;
  earlier_until?: string;
  next_since?: string;
  note?: string;
  followed_ms?: number;
}

let session: Session;
const c: Record<string, TestContainer> = {};

/** Run to completion: logs are read once the container has exited, so they are whole. */
async function finished(cmd: string, options: { tty?: boolean; logDriver?: string } = {}) {
  const container = await createContainer({
    cmd: ['sh', '-c', cmd],
    tty: options.tty ?? false,
    ...(options.logDriver && {
      hostConfig: { LogConfig: { Type: options.logDriver, Config: {} } },
    }),
  });
  await docker('POST', `/containers/${container.id}/wait`);
  return container;
}

beforeAll(async () => {
  const made = await Promise.all([
    // Sleeps between writes keep the order across the two pipes deterministic.
    finished(
      'for i in 1 2 3; do echo out$i; sleep 0.05; echo err$i >&2; sleep 0.05; done; ' +
        "printf '\\033[1;31mred\\033[0m caf\\303\\251 \\377 end\\n'; head -c 3000 /dev/zero | tr '\\0' x; echo",
    ),
    finished('echo e1 >&2; echo e2 >&2'),
    finished(
      "printf '\\033[32mgreen\\033[0m\\r\\n'; printf '10%%\\r100%%\\n'; echo to-stderr >&2",
      {
        tty: true,
      },
    ),
    finished('echo a; sleep 1.1; echo b; sleep 1.1; echo c'),
    finished('seq 1 400000'),
    finished('seq 1 2000'),
    createContainer({
      cmd: ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.2; done'],
    }),
    createContainer({ cmd: ['sh', '-c', 'echo bye; sleep 1; echo gone'] }),
    finished('echo hidden', { logDriver: 'none' }),
    // 300 lines on stdout, then 300 on stderr: the newest 100 are all stderr.
    finished(
      // (a pause between: the engine copies each pipe on its own, and may store them interleaved)
      'seq 1 300 | while read i; do echo "out $i"; done; sleep 1; seq 1 300 | while read i; do echo "err $i" >&2; done',
    ),
  ]);
  [
    c.mixed,
    c.stderrOnly,
    c.tty,
    c.timed,
    c.big,
    c.small,
    c.ticker,
    c.exiting,
    c.noLogs,
    c.thenStderr,
  ] = made;
  session = await startServer();
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

const logs = async (args: Record<string, unknown>) => {
  const result = await call(session, 'container_logs', args);
  const data = dataOf<LogsData>(result);
  return { result, text: textOf(result), data, lines: linesOf(data) };
};
const body = (text: string): string[] => text.split('\n\n').slice(1).join('\n\n').split('\n');

describe.concurrent('container_logs: streams and text', () => {
  it('keeps the engine order of stdout and stderr, marking stderr lines only', async () => {
    const { text, data, lines } = await logs({ id: c.mixed!.name });
    // The engine copies each pipe on its own: only the order it stored is the order to keep.
    const outAndErr = (line: string) => /^std(?:out|err):(?:out|err)\d$/.test(line);
    const shown = lines.map((l) => `${l.stream}:${l.text}`).filter(outAndErr);
    expect([...shown].sort()).toEqual([
      'stderr:err1',
      'stderr:err2',
      'stderr:err3',
      'stdout:out1',
      'stdout:out2',
      'stdout:out3',
    ]);
    // the order the engine itself stored, read independently of the server
    const raw = await docker('GET', `/containers/${c.mixed!.id}/logs?stdout=1&stderr=1`);
    expect(shown).toEqual(demuxedLines(raw.raw).filter(outAndErr));
    expect(text).toContain('Lines from stderr start with "[stderr] "; the others are from stdout.');
    expect(body(text).slice(0, 6)).toEqual(
      lines.slice(0, 6).map((l) => (l.stream === 'stderr' ? `[stderr] ${l.text}` : l.text)),
    );
    // The structured form names stderr on stderr lines only: a stdout line is just its text.
    expect(data.streams).toEqual(['stdout', 'stderr']);
    expect(data.lines.filter((l) => typeof l === 'string')).toHaveLength(
      lines.filter((l) => l.stream === 'stdout' && l.cut_bytes === undefined).length,
    );
    expect(data.lines.find((l) => typeof l !== 'string')).toEqual({
      text: 'err1',
      stream: 'stderr',
    });
  });

  it('strips ANSI, replaces invalid UTF-8 and cuts a long line with a marker', async () => {
    const { text, lines } = await logs({ id: c.mixed!.name });
    expect(lines.find((l) => l.text.startsWith('red'))?.text).toBe('red café \uFFFD end');
    expect(lines.find((l) => l.text.startsWith('x'))).toMatchObject({
      text: 'x'.repeat(2000),
      cut_bytes: 1000,
    });
    expect(text).toContain(`${'x'.repeat(2000)} … [line cut: 1000 more bytes]`);
    const kept = await logs({ id: c.mixed!.name, keep_ansi: true });
    expect(kept.lines.find((l) => l.text.includes('red'))?.text).toContain(
      '\u001b[1;31mred\u001b[0m',
    );
  });

  it('marks every stderr line in the text, whatever the mix; the structured form names the one stream', async () => {
    const { text, data, lines } = await logs({ id: c.stderrOnly!.name });
    expect(lines.map((l) => `${l.stream}:${l.text}`)).toEqual(['stderr:e1', 'stderr:e2']);
    expect(data).toMatchObject({ streams: ['stderr'], lines: ['e1', 'e2'] });
    expect(body(text)).toEqual(['[stderr] e1', '[stderr] e2']);
    expect(text).toContain('Lines from stderr start with "[stderr] "; the others are from stdout.');
    // stderr alone: every line is marked, nothing says "the others"
    const errOnly = await logs({ id: c.stderrOnly!.name, stdout: false });
    expect(body(errOnly.text)).toEqual(['[stderr] e1', '[stderr] e2']);
    expect(errOnly.text).toContain('stderr only.');
    expect(errOnly.text).not.toContain('the others are from stdout');
    const only = await logs({ id: c.stderrOnly!.name, stderr: false });
    expect(only.data.lines).toEqual([]);
    expect(only.text).toMatch(/stdout only\.\nThe log is empty\.$/);
  });

  it('300 stdout lines then 300 stderr lines: the newest 100 are all marked stderr', async () => {
    const { text, data, lines } = await logs({ id: c.thenStderr!.name });
    expect(lines).toHaveLength(100);
    expect(data.streams).toEqual(['stderr']);
    expect(body(text)).toEqual(lines.map((line) => `[stderr] ${line.text}`));
    expect(body(text).at(-1)).toBe('[stderr] err 300');
    expect(text).toContain('Lines from stderr start with "[stderr] "; the others are from stdout.');
    // All stdout: no line is marked, and the text says what an unmarked line is.
    const older = await logs({ id: c.thenStderr!.name, grep: '^out 29[0-9]$' });
    expect(body(older.text)).toEqual(Array.from({ length: 10 }, (_, i) => `out ${290 + i}`));
    expect(older.text).toContain('the others are from stdout.');
  });

  it('reads a TTY container raw: \\r\\n normalised, carriage returns resolved, one stream', async () => {
    const { text, data, lines } = await logs({ id: c.tty!.name });
    expect(data.container.tty).toBe(true);
    expect(lines.map((l) => `${l.stream}:${l.text}`)).toEqual([
      'stdout:green',
      'stdout:100%',
      'stdout:to-stderr',
    ]);
    expect(text).toContain('one TTY stream (stdout and stderr merged)');
    const stderr = await logs({ id: c.tty!.name, stdout: false });
    expect(stderr.data.lines).toEqual([]);
    expect(stderr.text).toContain('call with stdout: true');
    expect(stderr.data.note).toContain('call with stdout: true');
  });
});

describe.concurrent('container_logs: time ranges', () => {
  it('shows timestamps only when asked, in both forms', async () => {
    const { text, lines } = await logs({ id: c.timed!.name, timestamps: true });
    expect(lines.map((l) => l.text)).toEqual(['a', 'b', 'c']);
    for (const line of lines) expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(body(text)[1]).toBe(`${lines[1]?.time} b`);
    const plain = await logs({ id: c.timed!.name });
    expect(body(plain.text)).toEqual(['a', 'b', 'c']);
    expect(plain.data.lines).toEqual(['a', 'b', 'c']);
  });

  it('filters by absolute since/until (RFC 3339 and Unix seconds), both inclusive', async () => {
    const { lines } = await logs({ id: c.timed!.name, timestamps: true });
    const timeOfB = lines[1]?.time ?? '';
    const texts = (answer: { lines: Line[] }) => answer.lines.map((l) => l.text);
    expect(texts(await logs({ id: c.timed!.name, since: timeOfB }))).toEqual(['b', 'c']);
    expect(texts(await logs({ id: c.timed!.name, until: timeOfB }))).toEqual(['a', 'b']);
    const seconds = Date.parse(lines[2]?.time ?? '') / 1000 - 0.5; // between b and c
    expect(texts(await logs({ id: c.timed!.name, since: seconds }))).toEqual(['c']);
  });

  it('takes relative durations, converted before the engine sees them', async () => {
    const recent = await logs({ id: c.timed!.name, since: '1h' });
    expect(recent.lines.map((l) => l.text)).toEqual(['a', 'b', 'c']);
    const old = await logs({ id: c.timed!.name, until: '1h' });
    expect(old.data.lines).toEqual([]);
    expect(old.text).toContain('No lines in this time range.');
  });
});

describe.concurrent('container_logs: big logs, grep and cursors', () => {
  it('answers a 400,000-line log with the newest lines, saying it was cut and how to page back', async () => {
    const { text, data, lines } = await logs({ id: c.big!.name, tail: 'all' });
    expect(text.endsWith('\n400000')).toBe(true);
    expect(data.read).toBe(400_000);
    expect(data.omitted).toBe(400_000 - data.lines.length);
    const cut =
      /(\d+ earlier lines left out \(max_bytes 16384\)\. To read them: until: "\d+\.\d{9}"\.)/;
    expect(text).toMatch(cut);
    // The structured form says the same, with the exact argument that reads the rest.
    expect(data.left_out).toBe(cut.exec(text)?.[1]);
    expect(data.left_out).toContain(`until: "${data.earlier_until}"`);
    expect(Buffer.byteLength(body(text).join('\n'))).toBeLessThanOrEqual(16384);
    // paging back with the cursor gives the lines just before the first one shown
    const first = Number(lines[0]?.text);
    const page = await logs({ id: c.big!.name, tail: 50, until: data.earlier_until });
    expect(page.lines.at(-1)?.text).toBe(String(first - 1));
    expect(page.lines).toHaveLength(50);
  });

  it('shows the newest 100 lines by default and says older ones may exist', async () => {
    const { text, data } = await logs({ id: c.big!.name });
    expect(data.lines).toEqual(Array.from({ length: 100 }, (_, i) => String(399_901 + i)));
    expect(text).toContain('Older lines may exist beyond tail 100. To read them: until: "');
  });

  it('greps the whole log on the server, with context like grep -C', async () => {
    const { text, data } = await logs({ id: c.big!.name, grep: '^(17|2[05]0000)$', context: 1 });
    expect(data).toMatchObject({ read: 400_000, matched: 3, omitted: 0 });
    expect(body(text)).toEqual([
      '16',
      '17',
      '18',
      '--',
      '199999',
      '200000',
      '200001',
      '--',
      '249999',
      '250000',
      '250001',
    ]);
    // Matches are plain lines; context lines and gaps say what they are.
    expect(data.lines.slice(0, 4)).toEqual([
      { text: '16', context: true },
      '17',
      { text: '18', context: true },
      { text: '--', gap: true },
    ]);
    expect(data.lines.filter((l) => typeof l === 'string')).toEqual(['17', '200000', '250000']);
    const insensitive = await logs({ id: c.mixed!.name, grep: 'ERR[23]', ignore_case: true });
    expect(insensitive.lines.map((l) => l.text)).toEqual(['err2', 'err3']);
  });

  it('keeps the newest matches when they exceed tail, and offers a narrower grep', async () => {
    const { text, data } = await logs({ id: c.small!.name, grep: '7$', tail: 5 });
    expect(data.lines).toEqual(['1957', '1967', '1977', '1987', '1997']);
    expect(data).toMatchObject({ read: 2000, matched: 200, omitted: 200 - 5 });
    expect(text).toContain('195 earlier lines left out (tail 5). To read them: until: "');
    expect(text).toContain(', or a narrower grep.');
  });
});

describe.concurrent('container_logs: follow', () => {
  it('collects live output for follow_ms, then returns with a since cursor', async () => {
    const { text, data, lines } = await logs({
      id: c.ticker!.name,
      follow: true,
      follow_ms: 1500,
      tail: 0,
    });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.text).toMatch(/^tick \d+$/);
    expect(data.note).toMatch(/^Followed for \d+\.\d s\. For lines written after these: since: "/);
    expect(text).toMatch(
      /Followed for \d+\.\d s\. For lines written after these: since: "\d+\.\d{9}"/,
    );
    expect((await inspect(c.ticker!.id))?.State.Running).toBe(true);
    // continuing from the cursor neither repeats nor skips a line
    const last = Number(lines.at(-1)?.text.split(' ')[1]);
    const next = await eventually(async () => {
      const answer = await logs({ id: c.ticker!.name, since: data.next_since, tail: 'all' });
      return answer.lines.length > 0 && answer;
    });
    expect(next.lines[0]?.text).toBe(`tick ${last + 1}`);
  });

  it('stops reading when the client cancels, and keeps serving', async () => {
    const cancel = new AbortController();
    const pending = session.client.callTool(
      {
        name: 'container_logs',
        arguments: { id: c.ticker!.name, follow: true, follow_ms: 60_000 },
      },
      undefined,
      { signal: cancel.signal },
    );
    setTimeout(() => cancel.abort(), 300);
    await expect(pending).rejects.toThrow(/abort/i);
    const after = await logs({ id: c.ticker!.name, tail: 1 });
    expect(after.lines[0]?.text).toMatch(/^tick \d+$/);
    expect(session.stderr()).not.toMatch(/container_logs failed/);
  });

  it('returns when the container stops, saying so', async () => {
    const { text, lines } = await logs({ id: c.exiting!.name, follow: true, follow_ms: 30_000 });
    expect(lines.map((l) => l.text)).toEqual(['bye', 'gone']);
    expect(text).toContain('the container stopped');
    expect((await inspect(c.exiting!.id))?.State.Running).toBe(false);
  });
});

describe.concurrent('container_logs: errors', () => {
  it('answers an unknown container with the engine message and what to do', async () => {
    const result = await call(session, 'container_logs', { id: 'no-such-container-4' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('No such container: no-such-container-4');
    expect(textOf(result)).toContain('Next: Check the name or id with container_list');
  });

  it('explains a logging driver the engine cannot read', async () => {
    const result = await call(session, 'container_logs', { id: c.noLogs!.name });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('configured logging driver does not support reading');
    expect(textOf(result)).toMatch(/Next: .*logging driver/);
  });

  it.each([
    [{ stdout: false, stderr: false }, 'stdout: stdout and stderr are both false'],
    [{ grep: '(unclosed' }, 'grep: is not a pattern RE2 accepts (missing closing )'],
    [{ grep: '(?<=x)y' }, 'grep: is not a pattern RE2 accepts'],
    [{ context: 2 }, 'context: context needs grep'],
    [{ follow_ms: 1000 }, 'follow_ms: follow_ms needs follow: true'],
    [{ follow: true, follow_ms: 120_000 }, 'follow_ms: Too big'],
    [{ since: 'last tuesday' }, 'since: must be Unix seconds'],
    [{ since: '1m', until: '1h' }, 'until: until ('],
    [{ tail: -1 }, 'tail:'],
    [{ max_bytes: 10 * 1024 * 1024 }, 'max_bytes: Too big'],
  ])('refuses %j, naming the field', async (args, message) => {
    const result = await call(session, 'container_logs', { id: c.timed!.name, ...args });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(message);
  });
});

/** Independent demultiplexing of an engine logs body into "stream:line", for cross-checks. */
function demuxedLines(raw: Buffer): string[] {
  const text = { 1: '', 2: '' } as Record<number, string>;
  const lines: string[] = [];
  for (let offset = 0; offset + 8 <= raw.length;) {
    const stream = raw[offset] === 2 ? 2 : 1;
    const size = raw.readUInt32BE(offset + 4);
    text[stream] += raw.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
    const parts = (text[stream] ?? '').split('\n');
    text[stream] = parts.pop() ?? '';
    for (const line of parts) lines.push(`${stream === 2 ? 'stderr' : 'stdout'}:${line}`);
  }
  return lines;
}

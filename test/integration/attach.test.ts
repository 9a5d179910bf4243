/**
 * container_attach, container_attach_websocket and container_resize through a real MCP
 * client against the real engine. Sessions end by the output ending or by max_bytes, never
 * by waiting out a time window, so the file stays fast and no assertion depends on timing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachContainer, attachContainerWebSocket } from '../../src/engine/api/attach.js';
import {
  Engine,
  EngineError,
  hijack,
  openWebSocket,
  resolveEngineAddress,
} from '../../src/engine/index.js';
import {
  createContainer,
  docker,
  inspect,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { linesOf as allLines, type DataLine } from '../helpers/lines.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

interface AttachData {
  container: {
    id: string;
    name: string;
    status: string;
    running: boolean;
    exit_code: number;
    tty: boolean;
  };
  streams: ('stdout' | 'stderr')[];
  lines: DataLine[];
  read: number;
  omitted: number;
  bytes: number;
  ended: 'duration' | 'max_bytes' | 'stream_end';
  input_bytes: number;
  stdin_closed: boolean;
  streams_merged: boolean;
}

let session: Session;
let engine: Engine;
const c: Record<string, TestContainer> = {};

beforeAll(async () => {
  const stdin = { openStdin: true, stdinOnce: true };
  const made = await Promise.all([
    createContainer({ cmd: ['sh', '-c', 'read x; echo got:$x; echo warn:$x >&2'], ...stdin }),
    createContainer({ cmd: ['sh', '-c', 'cat; echo cat-done'], ...stdin }),
    createContainer({ cmd: ['sh'], tty: true, openStdin: true }),
    createContainer({
      cmd: ['sh', '-c', 'read x; echo ws:$x; echo wserr:$x >&2; cat; echo end'],
      ...stdin,
    }),
    createContainer({ cmd: ['yes', 'abcdefghi'] }),
    createContainer({ cmd: ['sleep', '3600'] }),
  ]);
  [c.reader, c.cat, c.tty, c.ws, c.yes, c.idle] = made;
  session = await startServer();
  engine = new Engine(resolveEngineAddress());
});
afterAll(async () => {
  await session?.close();
  await engine?.close();
  await removeTestContainers();
});

const attach = async (tool: string, args: Record<string, unknown>) => {
  const result = await call(session, tool, args);
  return { result, text: textOf(result), data: dataOf<AttachData>(result) };
};
const linesOf = (data: AttachData, stream?: 'stdout' | 'stderr') =>
  allLines(data)
    .filter((line) => stream === undefined || line.stream === stream)
    .map((l) => l.text);

describe('container_attach', () => {
  it('writes input to stdin and keeps stderr apart; the output ends when the process exits', async () => {
    const { text, data } = await attach('container_attach', {
      id: c.reader?.name,
      stdin: true,
      input: 'hello\n',
    });
    expect(linesOf(data, 'stdout')).toEqual(['got:hello']);
    expect(linesOf(data, 'stderr')).toEqual(['warn:hello']);
    expect(text).toContain('[stderr] warn:hello');
    expect(data).toMatchObject({ ended: 'stream_end', input_bytes: 6, streams_merged: false });
    expect(data.container).toMatchObject({ running: false, exit_code: 0, tty: false });
    expect((await inspect(c.reader?.id ?? ''))?.State.Status).toBe('exited');
  });

  it('replays what a stopped container wrote with logs: true, stream: false', async () => {
    const { text, data } = await attach('container_attach', {
      id: c.reader?.name,
      logs: true,
      stream: false,
    });
    expect(linesOf(data, 'stdout')).toEqual(['got:hello']);
    expect(linesOf(data, 'stderr')).toEqual(['warn:hello']);
    expect(text).toContain('replay of earlier output is complete');
  });

  it('refuses stream: true on a stopped container instead of blocking', async () => {
    const result = await call(session, 'container_attach', { id: c.reader?.name });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/is not running .*would wait until it starts/);
    expect(textOf(result)).toContain('container_start');
  });

  it('gives cat end-of-file with close_stdin (base64 input)', async () => {
    const { data } = await attach('container_attach', {
      id: c.cat?.id,
      stdin: true,
      input: Buffer.from('a\nb\n').toString('base64'),
      input_encoding: 'base64',
      close_stdin: true,
    });
    expect(linesOf(data)).toEqual(['a', 'b', 'cat-done']);
    expect(data).toMatchObject({ ended: 'stream_end', stdin_closed: true, input_bytes: 4 });
    expect(data.container.exit_code).toBe(0);
    expect((await inspect(c.cat?.id ?? ''))?.State.Running).toBe(false);
  });

  it('resizes a TTY, which the shell then reports, and reads the exit code after exit', async () => {
    const resized = await call(session, 'container_resize', { id: c.tty?.name, h: 40, w: 123 });
    expect(dataOf<{ changed: boolean; tty: boolean }>(resized)).toMatchObject({
      changed: true,
      tty: true,
    });
    const { text, data } = await attach('container_attach', {
      id: c.tty?.name,
      stdin: true,
      input: 'busybox stty size; echo tty-$((6*7)); exit 3\n',
    });
    expect(linesOf(data)).toEqual(expect.arrayContaining(['40 123', 'tty-42']));
    expect(data).toMatchObject({ ended: 'stream_end', streams_merged: true });
    expect(data.container).toMatchObject({ tty: true, running: false, exit_code: 3 });
    expect(text).toContain('A TTY merges stdout and stderr');
    expect((await inspect(c.tty?.id ?? ''))?.State.ExitCode).toBe(3);
  });

  it('stops at max_bytes and detaches, leaving the container running', async () => {
    const { text, data } = await attach('container_attach', { id: c.yes?.name, max_bytes: 1024 });
    expect(data).toMatchObject({ ended: 'max_bytes', bytes: 1024, omitted: 0 });
    // Attaching joins the stream mid-line: the first and last lines may be partial.
    const whole = linesOf(data).slice(1, -1);
    expect(whole.length).toBeGreaterThan(90);
    expect(new Set(whole)).toEqual(new Set(['abcdefghi']));
    expect(data.container.running).toBe(true);
    expect(text).toContain('Detached at max_bytes');
    expect((await inspect(c.yes?.id ?? ''))?.State.Running).toBe(true);
  });

  it("reports a missing container with the engine's message", async () => {
    const result = await call(session, 'container_attach', { id: 'cmcp-no-such-container' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('No such container: cmcp-no-such-container');
  });

  it("passes on the engine's own refusal of the attach: a paused container", async () => {
    await docker('POST', `/containers/${c.idle?.id}/pause`);
    const result = await call(session, 'container_attach', { id: c.idle?.name });
    await docker('POST', `/containers/${c.idle?.id}/unpause`);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /\[conflict\] \(HTTP 409 from POST \/containers\/\{id\}\/attach\)/,
    );
    expect(textOf(result)).toContain('is paused, unpause the container before attach');
    expect(textOf(result)).toContain('container_unpause');
    expect((await inspect(c.idle?.id ?? ''))?.State.Paused).toBe(false);
  });

  it('refuses stdin on a container created without OpenStdin', async () => {
    const result = await call(session, 'container_attach', { id: c.idle?.name, stdin: true });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('created without OpenStdin');
  });

  it('names the field and the fix for bad arguments', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ input: 'x\n' }, /input: input is written to stdin: pass stdin: true/],
      [{ stdin: true, input: 'x!', input_encoding: 'base64' }, /input: is not valid base64/],
      [{ close_stdin: true }, /close_stdin: .*pass stdin: true/],
      [{ stream: false }, /stream: stream and logs are both false/],
      [{ duration_ms: 60_001 }, /duration_ms/],
      [{ detach_keys: 'ctrl-' }, /detach_keys: must be comma-separated keys/],
    ];
    for (const [args, message] of cases) {
      const result = await call(session, 'container_attach', { id: c.idle?.name, ...args });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
  });
});

describe('container_attach_websocket', () => {
  it('carries input and output over WebSocket, with stdout and stderr merged', async () => {
    const { text, data } = await attach('container_attach_websocket', {
      id: c.ws?.name,
      stdin: true,
      input: 'hi\nmore\n',
      close_stdin: true,
    });
    expect(linesOf(data).sort()).toEqual(['end', 'more', 'ws:hi', 'wserr:hi']);
    expect(linesOf(data, 'stderr')).toEqual([]);
    expect(data).toMatchObject({ streams_merged: true, ended: 'stream_end' });
    expect(data.container).toMatchObject({ running: false, exit_code: 0 });
    expect(text).toContain('WebSocket endpoint merges stdout and stderr');
  });
});

describe('container_resize', () => {
  it('says that a container without a TTY is left unchanged', async () => {
    const result = await call(session, 'container_resize', { id: c.idle?.name, h: 24, w: 80 });
    expect(dataOf<{ changed: boolean; tty: boolean }>(result)).toMatchObject({
      changed: false,
      tty: false,
    });
    expect(textOf(result)).toContain('has no TTY');
  });

  it('reports a stopped container as not running, with the next step', async () => {
    const stopped = await createContainer({ tty: true, start: false });
    const result = await call(session, 'container_resize', { id: stopped.name, h: 24, w: 80 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/\[conflict\].*is not running/);
    expect(textOf(result)).toContain('Next: The container is not running: start it first');
  });

  it('refuses sizes that are not positive or beyond 1000', async () => {
    const result = await call(session, 'container_resize', { id: c.idle?.name, h: 0, w: 1001 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/h: .*>=1/);
    expect(textOf(result)).toMatch(/w: .*<=1000/);
  });
});

describe('the connections, engine side', () => {
  // The tools look the container up first; these show that a refusal of the connection
  // itself also comes back as the engine's status and message, not "bad upgrade".
  it('a hijack refused by the engine is an EngineError with its message', async () => {
    const failure = await hijack(engine, attachContainer, {
      params: { id: 'cmcp-no-such-container' },
      query: { stream: true, stdout: true },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineError);
    expect(failure).toMatchObject({ code: 'not_found', status: 404 });
    expect((failure as Error).message).toContain('No such container: cmcp-no-such-container');
  });

  it('so is a refused WebSocket handshake', async () => {
    const failure = await openWebSocket(engine, attachContainerWebSocket, {
      params: { id: 'cmcp-no-such-container' },
      query: { stream: true, stdout: true },
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'not_found', status: 404 });
    expect((failure as Error).message).toContain('No such container');
  });

  it('ends a quiet session at duration_ms and detaches without stopping the container', async () => {
    const { text, data } = await attach('container_attach', { id: c.idle?.name, duration_ms: 100 });
    expect(data).toMatchObject({ ended: 'duration', bytes: 0, lines: [] });
    expect(text).toContain('No output.');
    expect((await inspect(c.idle?.id ?? ''))?.State.Running).toBe(true);
  });
});

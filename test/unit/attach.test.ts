/**
 * Attach's parts that need no real engine: the bounded session over an in-memory
 * connection, the input schema, and what a scripted engine's raw answers become (output in
 * the same packet as the 101, refusals, an engine without /attach/ws).
 */
import { Duplex } from 'node:stream';
import type { Duplex as DuplexType } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEngineUrl } from '../../src/engine/address.js';
import { attachContainer, attachContainerWebSocket } from '../../src/engine/api/attach.js';
import {
  Engine,
  EngineError,
  hijack,
  openWebSocket,
  runSession,
  type Frame,
} from '../../src/engine/index.js';
import { attachInput } from '../../src/tools/attach/schemas.js';
import { startFakeEngine, type FakeEngine, type UpgradeRoute } from '../helpers/fake-engine.js';
import { frame } from '../helpers/frames.js';

/** A connection whose output is scripted and whose input is recorded. */
function connection(output: Buffer[], options: { endOutput?: boolean } = {}) {
  const written: Buffer[] = [];
  let ended = false;
  const stream = new Duplex({
    read() {
      const next = output.shift();
      if (next) this.push(next);
      else if (options.endOutput ?? true) this.push(null);
    },
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk);
      done();
    },
    final(done) {
      ended = true;
      done();
    },
  });
  return { stream, written: () => Buffer.concat(written), ended: () => ended };
}

function collect() {
  const frames: Frame[] = [];
  return { frames, onFrame: (f: Frame) => frames.push(f), text: () => frames.map(show).join('') };
}
const show = (f: Frame) => `${f.stream === 'stderr' ? 'E:' : ''}${f.data.toString()}`;
const base = { durationMs: 10_000, maxBytes: 1024 };

describe('runSession', () => {
  it('demultiplexes frames, writes the input and ends with the stream', async () => {
    const conn = connection([frame(1, 'out\n'), frame(2, 'err\n')]);
    const out = collect();
    const result = await runSession(conn.stream, {
      ...base,
      multiplexed: true,
      input: Buffer.from('hi\n'),
      onFrame: out.onFrame,
    });
    expect(out.text()).toBe('out\nE:err\n');
    expect(conn.written().toString()).toBe('hi\n');
    expect(result).toMatchObject({ ended: 'stream_end', bytes: 8, inputBytes: 3 });
    expect(conn.ended()).toBe(false);
  });

  it('ends with what was read when the engine had closed before the input went out (EPIPE), and says so', async () => {
    const stream = new Duplex({
      read() {
        this.push(Buffer.from('bye\n'));
        this.push(null);
      },
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' }));
      },
    });
    const out = collect();
    const result = await runSession(stream, {
      ...base,
      multiplexed: false,
      input: Buffer.from('late\n'),
      onFrame: out.onFrame,
    });
    expect(result).toMatchObject({ ended: 'stream_end', inputRefused: true });
    // A read error is still an error: only a refused write is the output's end.
    const broken = new Duplex({
      read() {
        this.destroy(
          Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' }),
        );
      },
      write(_chunk, _encoding, done) {
        done();
      },
    });
    await expect(
      runSession(broken, { ...base, multiplexed: false, onFrame: () => undefined }),
    ).rejects.toThrow(/broke while it was answering \(read ECONNRESET\)/);
  });

  it('half-closes after the input when closing stdin without a TTY', async () => {
    const conn = connection([Buffer.from('x')]);
    await runSession(conn.stream, {
      ...base,
      multiplexed: false,
      input: Buffer.from('a\n'),
      closeStdin: 'half-close',
      onFrame: () => undefined,
    });
    expect(conn.ended()).toBe(true);
  });

  it('sends Ctrl-D on a TTY: twice when the last line has no newline yet', async () => {
    const eot = async (input: string) => {
      const conn = connection([]);
      await runSession(conn.stream, {
        ...base,
        multiplexed: false,
        input: Buffer.from(input),
        closeStdin: 'eot',
        onFrame: () => undefined,
      });
      expect(conn.ended()).toBe(false);
      return conn.written().toString();
    };
    expect(await eot('ls\n')).toBe('ls\n\x04');
    expect(await eot('partial')).toBe('partial\x04\x04');
  });

  it('stops at exactly maxBytes, cutting the frame that crosses it', async () => {
    const conn = connection(
      Array.from({ length: 50 }, () => frame(1, 'x'.repeat(100))),
      { endOutput: false },
    );
    const out = collect();
    const result = await runSession(conn.stream, {
      ...base,
      multiplexed: true,
      maxBytes: 1050,
      onFrame: out.onFrame,
    });
    expect(result).toMatchObject({ ended: 'max_bytes', bytes: 1050 });
    expect(out.text().length).toBe(1050);
    expect(conn.stream.destroyed).toBe(true);
  });

  it('ends at the window when the output goes quiet, and detaches', async () => {
    const conn = connection([Buffer.from('once\n')], { endOutput: false });
    const out = collect();
    const result = await runSession(conn.stream, {
      ...base,
      durationMs: 50,
      multiplexed: false,
      onFrame: out.onFrame,
    });
    expect(result.ended).toBe('duration');
    expect(out.text()).toBe('once\n');
    expect(conn.stream.destroyed).toBe(true);
  });

  it("fails with 'cancelled' when the caller's signal fires", async () => {
    const conn = connection([], { endOutput: false });
    const failure = await runSession(conn.stream, {
      ...base,
      multiplexed: false,
      signal: AbortSignal.abort(),
      onFrame: () => undefined,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineError);
    expect(failure).toMatchObject({ code: 'cancelled' });
  });
});

describe('attachInput', () => {
  const parse = (args: Record<string, unknown>) => attachInput.safeParse({ id: 'web', ...args });
  it('accepts the defaults and valid base64 and detach keys', () => {
    expect(parse({}).data).toMatchObject({ stream: true, stdout: true, duration_ms: 2000 });
    expect(parse({ stdin: true, input: 'aGk=', input_encoding: 'base64' }).success).toBe(true);
    expect(parse({ detach_keys: 'ctrl-p,ctrl-q' }).success).toBe(true);
    expect(parse({ detach_keys: 'a,ctrl-@' }).success).toBe(true);
  });
  it.each([
    [{ stdin: true, input: 'aGk', input_encoding: 'base64' }, 'input'],
    [{ stdin: true, input: 'a b=', input_encoding: 'base64' }, 'input'],
    [{ detach_keys: 'ctrl-p,,ctrl-q' }, 'detach_keys'],
    [{ detach_keys: 'ctrl-1' }, 'detach_keys'],
    [{ stdin: false, stdout: false, stderr: false }, 'stdout'],
    [{ max_bytes: 10 }, 'max_bytes'],
  ])('refuses %j at %s', (args, field) => {
    const result = parse(args);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });
});

describe('connections to a scripted engine', () => {
  let fake: FakeEngine | undefined;
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.close();
    await fake?.close();
    engine = fake = undefined;
  });
  async function engineAnswering(upgrade: UpgradeRoute): Promise<Engine> {
    fake = await startFakeEngine((_req, res) => res.end(), undefined, upgrade);
    engine = new Engine(parseEngineUrl(fake.url, 'test'), { apiVersion: '1.41' });
    return engine;
  }
  const raw = (socket: DuplexType, text: string | Buffer) => socket.end(text);

  it('keeps output that arrives in the same packet as the 101', async () => {
    const connected = await engineAnswering((req, socket) => {
      expect(req.url).toBe('/v1.41/containers/web/attach?stream=1&stdout=1');
      expect(req.headers.upgrade).toBe('tcp');
      const head = 'HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n';
      raw(socket, Buffer.concat([Buffer.from(head), frame(1, 'early\n'), frame(2, 'late\n')]));
    });
    const stream = await hijack(connected, attachContainer, {
      params: { id: 'web' },
      query: { stream: true, stdout: true },
    });
    const out = collect();
    await runSession(stream, { ...base, multiplexed: true, onFrame: out.onFrame });
    expect(out.text()).toBe('early\nE:late\n');
  });

  it("makes a refused hijack an EngineError with the engine's message", async () => {
    const connected = await engineAnswering((_req, socket) => {
      const body = '{"message":"container web is paused, unpause the container before attach"}';
      raw(
        socket,
        `HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
    });
    const failure = await hijack(connected, attachContainer, { params: { id: 'web' } }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'conflict', status: 409 });
    expect((failure as Error).message).toBe(
      'container web is paused, unpause the container before attach',
    );
  });

  it('says an engine without /attach/ws does not support it (Podman answers 404)', async () => {
    const connected = await engineAnswering((_req, socket) => {
      raw(socket, 'HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nNot Found');
    });
    const failure = await openWebSocket(connected, attachContainerWebSocket, {
      params: { id: 'web' },
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'unsupported', status: 404 });
    expect((failure as Error).message).toMatch(
      /attach over WebSocket is not supported by this engine.*Not Found/,
    );
  });
});

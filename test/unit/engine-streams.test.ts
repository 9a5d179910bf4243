/** Reading long engine bodies: chunks, output frames, JSON lines; stop vs cancel. */
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bodyChunks } from '../../src/engine/body.js';
import { EngineError } from '../../src/engine/errors.js';
import { readJsonLines } from '../../src/engine/ndjson.js';
import { readOutput } from '../../src/engine/output.js';
import type { Frame } from '../../src/engine/demux.js';
import { frame } from '../helpers/frames.js';

async function frames(iterable: AsyncIterable<Frame[]>): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of iterable)
    for (const f of batch) out.push(`${f.stream}:${f.data.toString()}`);
  return out;
}

describe('readOutput', () => {
  it('demultiplexes a non-TTY body', async () => {
    const body = Readable.from([Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')])]);
    expect(await frames(readOutput(body, { tty: false }))).toEqual([
      'stdout:out\n',
      'stderr:err\n',
    ]);
  });

  it('passes a TTY body through as stdout', async () => {
    const body = Readable.from([Buffer.from('raw\r\n')]);
    expect(await frames(readOutput(body, { tty: true }))).toEqual(['stdout:raw\r\n']);
  });

  it('reports a TTY body read as multiplexed as an engine error, not a crash', async () => {
    const body = Readable.from([Buffer.from('plain text, no frames\n')]);
    await expect(frames(readOutput(body, { tty: false }))).rejects.toMatchObject({
      name: 'EngineError',
      code: 'engine',
      message: expect.stringMatching(/invalid frame header/) as unknown,
    });
  });

  it('ends cleanly when stopped mid-frame (a follow window closing)', async () => {
    const body = new PassThrough();
    const stop = new AbortController();
    body.write(Buffer.concat([frame(1, 'first\n'), frame(1, 'second\n').subarray(0, 10)]));
    const reading = frames(readOutput(body, { tty: false, stop: stop.signal }));
    setTimeout(() => stop.abort(), 20);
    expect(await reading).toEqual(['stdout:first\n', 'stdout:se']);
    expect(body.destroyed).toBe(true);
  });

  it('fails with cancelled when the client cancels', async () => {
    const body = new PassThrough();
    const cancel = new AbortController();
    body.write(frame(1, 'first\n'));
    const reading = frames(readOutput(body, { tty: false, signal: cancel.signal }));
    setTimeout(() => cancel.abort(), 20);
    await expect(reading).rejects.toMatchObject({ code: 'cancelled' });
    expect(body.destroyed).toBe(true);
  });
});

describe('bodyChunks', () => {
  it('turns a broken body into an engine error, and closes the body when the reader stops early', async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error('socket hang up'));
      },
    });
    await expect(async () => {
      for await (const _ of bodyChunks(broken, { endpoint: 'GET /x' })) void _;
    }).rejects.toMatchObject({
      code: 'interrupted',
      message: 'the connection to the engine broke during GET /x (socket hang up)',
    });

    const body = Readable.from([Buffer.from('a'), Buffer.from('b'), Buffer.from('c')]);
    for await (const chunk of bodyChunks(body)) if (chunk.toString() === 'a') break;
    expect(body.destroyed).toBe(true);
  });
});

describe('readJsonLines', () => {
  it('parses one value per line, lines split anywhere', async () => {
    const text = '{"n":1}\n\n{"n":2,"s":"é"}\n{"n":3}';
    const bytes = Buffer.from(text);
    const body = Readable.from([...bytes].map((_, i) => bytes.subarray(i, i + 1)));
    const values: unknown[] = [];
    for await (const value of readJsonLines(body)) values.push(value);
    expect(values).toEqual([{ n: 1 }, { n: 2, s: 'é' }, { n: 3 }]);
  });

  it('refuses a line that is not JSON or too long', async () => {
    const read = async (chunks: string[], max?: number): Promise<unknown[]> => {
      const out: unknown[] = [];
      for await (const v of readJsonLines(Readable.from(chunks.map((c) => Buffer.from(c))), {
        maxLineBytes: max,
      }))
        out.push(v);
      return out;
    };
    await expect(read(['{"ok":1}\nnot json\n'])).rejects.toThrow(/not JSON: not json/);
    await expect(read(['{"a":"', 'x'.repeat(100)], 50)).rejects.toBeInstanceOf(EngineError);
  });
});

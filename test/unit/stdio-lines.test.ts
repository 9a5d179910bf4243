/**
 * The stdio reader keeps at most its limit of one message: a longer line is scanned for its
 * top-level id and method as it passes, then dropped, and reading goes on with the next line.
 */
import { describe, expect, it } from 'vitest';
import { LineReader, type Oversized } from '../../src/transports/stdio-lines.js';

function read(chunks: (string | Buffer)[], max = 64): { lines: string[]; over: Oversized[] } {
  const lines: string[] = [];
  const over: Oversized[] = [];
  const reader = new LineReader(max, {
    line: (l) => lines.push(l),
    oversized: (o) => over.push(o),
  });
  for (const chunk of chunks) reader.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return { lines, over };
}

describe('LineReader', () => {
  it('splits lines across chunks and drops blank ones and \\r', () => {
    expect(read(['{"a":', '1}\r\n\n{"b"', ':2}\n']).lines).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('drops a long line, finds its id and method wherever they are, and reads on', () => {
    const huge = 'x'.repeat(1000);
    const message = `{"method":"tools/call","params":{"arguments":{"id":"web","a":"${huge}\\"}"}},"jsonrpc":"2.0","id":7}`;
    // Fed a byte at a time and all at once: the scan keeps its state between chunks.
    for (const chunks of [[`${message}\n{"ok":1}\n`], [...`${message}\n{"ok":1}\n`]]) {
      const { lines, over } = read(chunks);
      expect(over).toEqual([{ bytes: message.length, id: 7, method: 'tools/call' }]);
      expect(lines).toEqual(['{"ok":1}']);
    }
  });

  it('takes a string id, and leaves out an id or method that is not at the top', () => {
    const long = 'y'.repeat(200);
    const top = `{"id":"req-1","method":"ping","p":"${long}"}`;
    const nested = `{"result":{"id":3,"method":"x"},"p":"${long}"}`;
    expect(read([`${top}\n`]).over).toEqual([{ bytes: top.length, id: 'req-1', method: 'ping' }]);
    expect(read([`${nested}\n`]).over).toEqual([{ bytes: nested.length }]);
  });
});

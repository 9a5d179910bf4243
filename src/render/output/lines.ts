/**
 * A container's output bytes to lines, per stream.
 *
 *   const splitter = new LineSplitter({ maxLineBytes: 2000 });
 *   splitter.push('stdout', bytes, sink);  // sink(stream, text, cutBytes) per complete line
 *   splitter.end(sink);                    // the unfinished last line of each stream
 *
 * - Lines are split at \n on the bytes, per stream: a half line on stdout is not ended by a
 *   stderr frame in between. Each line is decoded on its own, so a UTF-8 character split
 *   across chunks or frames is whole again, invalid bytes become U+FFFD, and no kept line
 *   pins a large decoded chunk in memory.
 * - A \r before the \n (TTY output, CRLF programs) is dropped.
 * - A line longer than `maxLineBytes` keeps its first bytes, cut at a character boundary;
 *   `cutBytes` says how many were dropped. Only that much of a line is ever held: a gigabyte
 *   without a newline costs `maxLineBytes`.
 */

export type LineStream = 'stdout' | 'stderr';
export type LineSink = (stream: LineStream, text: string, cutBytes: number) => void;

const LF = 0x0a;
const CR = 0x0d;

interface Pending {
  parts: Buffer[];
  bytes: number;
  cut: number;
  /** The line's last byte so far, to drop a \r whether or not it was held. */
  last: number;
}

export class LineSplitter {
  private readonly max: number;
  private readonly pending: Record<LineStream, Pending> = { stdout: empty(), stderr: empty() };

  constructor(options: { maxLineBytes: number }) {
    this.max = Math.max(4, options.maxLineBytes);
  }

  push(stream: LineStream, data: Buffer, sink: LineSink): void {
    const pending = this.pending[stream];
    let start = 0;
    for (let lf = data.indexOf(LF); lf !== -1; lf = data.indexOf(LF, start)) {
      if (pending.bytes === 0 && pending.cut === 0) this.emitWhole(stream, data, start, lf, sink);
      else {
        this.hold(pending, data, start, lf);
        this.flush(stream, pending, sink);
      }
      start = lf + 1;
    }
    if (start < data.length) this.hold(pending, data, start, data.length);
  }

  /** The input ended: unfinished lines are lines too. */
  end(sink: LineSink): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const pending = this.pending[stream];
      if (pending.bytes > 0 || pending.cut > 0) this.flush(stream, pending, sink);
    }
  }

  /** The common case: a line wholly inside one chunk, decoded straight from it. */
  private emitWhole(
    stream: LineStream,
    data: Buffer,
    start: number,
    lf: number,
    sink: LineSink,
  ): void {
    const end = lf > start && data[lf - 1] === CR ? lf - 1 : lf;
    if (end - start <= this.max) {
      sink(stream, data.toString('utf8', start, end), 0);
      return;
    }
    const keep = characterBoundary(data, start, start + this.max);
    sink(stream, data.toString('utf8', start, keep), end - keep);
  }

  private hold(pending: Pending, data: Buffer, start: number, end: number): void {
    if (end <= start) return;
    pending.last = data[end - 1] ?? 0;
    const take = Math.min(end - start, this.max - pending.bytes);
    if (take > 0) {
      // A copy: a subarray would keep the whole chunk alive while the line waits.
      pending.parts.push(Buffer.from(data.subarray(start, start + take)));
      pending.bytes += take;
    }
    pending.cut += end - start - take;
  }

  private flush(stream: LineStream, pending: Pending, sink: LineSink): void {
    let line =
      pending.parts.length === 1 ? (pending.parts[0] as Buffer) : Buffer.concat(pending.parts);
    let cut = pending.cut;
    if (pending.last === CR) {
      if (cut > 0) cut -= 1;
      else line = line.subarray(0, line.length - 1);
    }
    if (cut > 0) {
      const keep = characterBoundary(line, 0, line.length);
      cut += line.length - keep;
      line = line.subarray(0, keep);
    }
    sink(stream, line.toString('utf8'), cut);
    Object.assign(pending, empty());
  }
}

function empty(): Pending {
  return { parts: [], bytes: 0, cut: 0, last: 0 };
}

/**
 * Where to cut `data[start, end)` so that it does not end inside a UTF-8 character: `end`,
 * or the start of a character the cut would split.
 */
export function characterBoundary(data: Buffer, start: number, end: number): number {
  let lead = end - 1;
  while (lead >= start && lead > end - 4 && ((data[lead] ?? 0) & 0xc0) === 0x80) lead--;
  if (lead < start) return end;
  const byte = data[lead] ?? 0;
  const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return lead + size > end ? lead : end;
}

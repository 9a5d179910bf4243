/**
 * The engine's multiplexed stream format (logs and attach of non-TTY containers): frames of
 * an 8-byte header [stream, 0, 0, 0, size uint32 BE] and `size` bytes of payload. Frames
 * are split across chunks anywhere, so this is a streaming parser that keeps only the
 * unfinished frame.
 */

export type FrameStream = 'stdout' | 'stderr' | 'error';

export interface Frame {
  stream: FrameStream;
  data: Buffer;
}

const HEADER_SIZE = 8;
/** Stream 0 is stdin echoed back (TTY-less attach); it is shown as stdout, as docker does. */
const STREAMS: Record<number, FrameStream> = { 0: 'stdout', 1: 'stdout', 2: 'stderr', 3: 'error' };

export class DemuxError extends Error {
  override readonly name = 'DemuxError';
}

export class Demuxer {
  private readonly header = Buffer.alloc(HEADER_SIZE);
  private headerFill = 0;
  private stream: FrameStream = 'stdout';
  private remaining = 0;
  private parts: Buffer[] = [];

  /** Feed a chunk; returns the frames it completed (a large frame can come out in parts). */
  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      // Fast path, most frames: a whole header read in place, then the payload if whole too.
      if (this.remaining === 0 && this.headerFill === 0 && offset + HEADER_SIZE <= chunk.length) {
        this.stream = streamOf(chunk[offset] ?? 0);
        this.remaining = chunk.readUInt32BE(offset + 4);
        offset += HEADER_SIZE;
        if (this.remaining === 0) continue; // an empty frame
        this.headerFill = HEADER_SIZE;
        if (offset + this.remaining > chunk.length) continue; // finished below, in parts
        frames.push({ stream: this.stream, data: chunk.subarray(offset, offset + this.remaining) });
        offset += this.remaining;
        this.remaining = 0;
        this.headerFill = 0;
        continue;
      }
      if (this.remaining === 0 && this.headerFill < HEADER_SIZE) {
        const take = Math.min(HEADER_SIZE - this.headerFill, chunk.length - offset);
        chunk.copy(this.header, this.headerFill, offset, offset + take);
        this.headerFill += take;
        offset += take;
        if (this.headerFill < HEADER_SIZE) break;
        this.startFrame();
        if (this.remaining === 0) this.headerFill = 0; // an empty frame
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - offset);
      // subarray, not a copy: payload bytes are handed on without duplication
      this.parts.push(chunk.subarray(offset, offset + take));
      this.remaining -= take;
      offset += take;
      if (this.remaining === 0) {
        frames.push(this.finishFrame());
      }
    }
    // Emit what a big frame has so far, so a 1 GiB frame is never held whole.
    if (this.remaining > 0 && this.parts.length > 0) {
      frames.push({ stream: this.stream, data: this.takeParts() });
    }
    return frames;
  }

  /** The stream ended: a frame cut short is a protocol error worth reporting. */
  end(): void {
    if (this.headerFill > 0 && (this.headerFill < HEADER_SIZE || this.remaining > 0)) {
      const missing =
        this.headerFill < HEADER_SIZE
          ? `${HEADER_SIZE - this.headerFill} header bytes`
          : `${this.remaining} payload bytes`;
      throw new DemuxError(`the engine's stream ended inside a frame (${missing} missing)`);
    }
  }

  private startFrame(): void {
    this.stream = streamOf(this.header[0] ?? 0);
    this.remaining = this.header.readUInt32BE(4);
  }

  private finishFrame(): Frame {
    this.headerFill = 0;
    return { stream: this.stream, data: this.takeParts() };
  }

  private takeParts(): Buffer {
    const data = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    this.parts = [];
    return data;
  }
}

function streamOf(type: number): FrameStream {
  const stream = STREAMS[type];
  if (stream === undefined) {
    throw new DemuxError(
      `the engine's stream has an invalid frame header (stream type ${type}); is this a TTY container read as multiplexed?`,
    );
  }
  return stream;
}

/** Demultiplex a whole stream of chunks (an engine response body). */
export async function* demux(chunks: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<Frame> {
  const demuxer = new Demuxer();
  for await (const chunk of chunks) {
    yield* demuxer.push(
      Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    );
  }
  demuxer.end();
}

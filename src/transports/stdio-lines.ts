/**
 * Newline-delimited messages from a byte stream, never holding more than `maxBytes` of one
 * message: a longer line is scanned as it passes (for its JSON-RPC id and method, so it can be
 * answered) and dropped, and the next line is read as usual. The SDK's own reader gives up
 * on the whole stream instead, and its server then exits without a word.
 */

/** What is known of a message that was too long to keep. */
export interface Oversized {
  bytes: number;
  /** The top-level "id", when the scan found one (a request to answer). */
  id?: string | number;
  /** The top-level "method": a request or notification; none for a response. */
  method?: string;
}

export interface LineSink {
  line(text: string): void;
  oversized(message: Oversized): void;
}

const NEWLINE = 0x0a;

export class LineReader {
  private parts: Buffer[] = [];
  private size = 0;
  private scan: TopLevelScan | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly sink: LineSink,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(NEWLINE, start);
      const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
      this.take(piece);
      if (end === -1) return;
      this.finish();
      start = end + 1;
    }
  }

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.scan) {
      this.scan.feed(piece);
      return;
    }
    if (this.size + piece.length <= this.maxBytes) {
      this.parts.push(piece);
      this.size += piece.length;
      return;
    }
    // Over the limit: from here on only the scan sees the bytes; none is kept.
    this.scan = new TopLevelScan();
    for (const part of this.parts) this.scan.feed(part);
    this.scan.feed(piece);
    this.parts = [];
    this.size = 0;
  }

  private finish(): void {
    const scan = this.scan;
    if (scan) {
      this.scan = undefined;
      this.sink.oversized(scan.result());
      return;
    }
    const text = Buffer.concat(this.parts, this.size).toString('utf8').replace(/\r$/, '');
    this.parts = [];
    this.size = 0;
    if (text.trim() !== '') this.sink.line(text);
  }
}

/** Longest top-level "id" or "method" string kept by the scan. */
const MAX_CAPTURE = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * A one-pass look at a JSON object's top level: its "id" and "method" values, whatever lies
 * in between (strings of megabytes are skipped with indexOf, not byte by byte).
 */
class TopLevelScan {
  private bytes = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private expectKey = false;
  private key: string | undefined;
  private capture: number[] | undefined;
  private number: string | undefined;
  private id: string | number | undefined;
  private method: string | undefined;

  feed(buffer: Buffer): void {
    this.bytes += buffer.length;
    let i = 0;
    let nextBackslash = -2;
    while (i < buffer.length) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          this.keep(buffer[i]);
          i += 1;
          continue;
        }
        if (this.capture === undefined) {
          // Not a string we keep: jump to the next quote or backslash.
          if (nextBackslash !== -1 && nextBackslash < i)
            nextBackslash = buffer.indexOf(BACKSLASH, i);
          const quote = buffer.indexOf(QUOTE, i);
          const stop =
            nextBackslash === -1
              ? quote
              : quote === -1
                ? nextBackslash
                : Math.min(quote, nextBackslash);
          if (stop === -1) return;
          i = stop;
        }
        const byte = buffer[i];
        if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.endString();
        else this.keep(byte);
        i += 1;
        continue;
      }
      this.structural(buffer[i] ?? 0);
      i += 1;
    }
  }

  result(): Oversized {
    this.endNumber();
    return {
      bytes: this.bytes,
      ...(this.id !== undefined && { id: this.id }),
      ...(this.method !== undefined && { method: this.method }),
    };
  }

  private structural(byte: number): void {
    if (this.number !== undefined) {
      if ((byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x2e) {
        this.number += String.fromCharCode(byte);
        return;
      }
      this.endNumber();
    }
    switch (byte) {
      case QUOTE:
        this.inString = true;
        this.capture =
          this.depth === 1 && (this.expectKey || this.key === 'id' || this.key === 'method')
            ? []
            : undefined;
        return;
      case 0x7b: // {
      case 0x5b: // [
        this.depth += 1;
        if (this.depth === 1) this.expectKey = byte === 0x7b;
        return;
      case 0x7d: // }
      case 0x5d: // ]
        this.depth -= 1;
        return;
      case 0x2c: // ,
        if (this.depth === 1) {
          this.expectKey = true;
          this.key = undefined;
        }
        return;
      default:
        if (
          this.depth === 1 &&
          this.key === 'id' &&
          !this.expectKey &&
          byte >= 0x2d &&
          byte <= 0x39
        )
          this.number = String.fromCharCode(byte);
    }
  }

  private keep(byte: number | undefined): void {
    if (this.capture === undefined || byte === undefined) return;
    if (this.capture.length < MAX_CAPTURE) this.capture.push(byte);
    else this.capture = undefined; // too long to be an id we could answer
  }

  private endString(): void {
    this.inString = false;
    const captured = this.capture && Buffer.from(this.capture).toString('utf8');
    this.capture = undefined;
    if (this.depth !== 1) return;
    if (this.expectKey) {
      this.key = captured;
      this.expectKey = false;
      return;
    }
    if (captured === undefined) return;
    if (this.key === 'id') this.id = captured;
    else if (this.key === 'method') this.method = captured;
    this.key = undefined;
  }

  private endNumber(): void {
    if (this.number === undefined) return;
    const value = Number(this.number);
    if (Number.isFinite(value)) this.id = value;
    this.number = undefined;
    this.key = undefined;
  }
}

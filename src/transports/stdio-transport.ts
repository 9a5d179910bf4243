/**
 * The stdio transport: JSON-RPC messages, one per line, on stdin and stdout. Unlike the
 * SDK's, it never gives up on the stream: a message over the size limit, a line that is not
 * JSON or not JSON-RPC gets a JSON-RPC error (when there is a request to answer) and one line
 * on stderr, and the next message is read as usual.
 */
import {
  parseJSONRPCMessage,
  type JSONRPCMessage,
  type Transport,
} from '@modelcontextprotocol/server';
import type { Logger } from '../log.js';
import type { WireObserver } from './stdio-listens.js';
import { LineReader, type Oversized } from './stdio-lines.js';

/** JSON-RPC's codes for a line that is not JSON, and for a message that is no valid request. */
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

export interface BoundedStdioOptions {
  maxMessageBytes: number;
  log: Logger;
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  /** Sees every message both ways, and the end (what the SDK's entry keeps to itself). */
  observer?: WireObserver;
}

export class BoundedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private readonly stdin: NodeJS.ReadableStream;
  private readonly stdout: NodeJS.WritableStream;
  private readonly reader: LineReader;
  private readonly log: Logger;
  private readonly maxBytes: number;
  private readonly observer: WireObserver | undefined;

  constructor(options: BoundedStdioOptions) {
    this.observer = options.observer;
    this.stdin = options.stdin ?? process.stdin;
    this.stdout = options.stdout ?? process.stdout;
    this.log = options.log;
    this.maxBytes = options.maxMessageBytes;
    this.reader = new LineReader(this.maxBytes, {
      line: (text) => this.receive(text),
      oversized: (message) => this.refuseOversized(message),
    });
  }

  private readonly onData = (chunk: Buffer | string): void => {
    this.reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  };

  private readonly onStdinError = (error: Error): void => {
    this.onerror?.(error);
  };

  start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStdinError);
    return Promise.resolve();
  }

  send(message: JSONRPCMessage): Promise<void> {
    this.observer?.outbound(message);
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  close(): Promise<void> {
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStdinError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.observer?.closed();
    this.onclose?.();
    return Promise.resolve();
  }

  private receive(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.log.warn(`stdio: dropped a line of ${text.length} characters that is not JSON`);
      void this.answerError(undefined, PARSE_ERROR, 'Parse error: the line is not JSON');
      return;
    }
    let message: JSONRPCMessage | undefined;
    try {
      message = parseJSONRPCMessage(json);
    } catch {
      message = undefined;
    }
    if (message !== undefined) {
      this.observer?.inbound(message);
      this.onmessage?.(message);
      return;
    }
    const { id, method } = requestPartsOf(json);
    this.log.warn(
      `stdio: dropped a message that is not JSON-RPC 2.0${method ? ` (method ${JSON.stringify(method.slice(0, 80))})` : ''}`,
    );
    if (method !== undefined || id === undefined)
      void this.answerError(
        id,
        INVALID_REQUEST,
        'Invalid Request: not a JSON-RPC 2.0 message ({"jsonrpc": "2.0", "id": ..., "method": ..., "params": {...}})',
      );
  }

  private refuseOversized(message: Oversized): void {
    const limit = formatMiB(this.maxBytes);
    const what = message.method ? ` (${message.method.slice(0, 80)})` : '';
    this.log.warn(
      `stdio: dropped a message of ${message.bytes} bytes${what}: over the ${limit} limit for one message`,
    );
    // A response or notification that is too long has nobody waiting for an answer.
    if (message.method === undefined || message.id === undefined) return;
    void this.answerError(
      message.id,
      INVALID_REQUEST,
      `The message (${formatMiB(message.bytes)}) is over this server's limit of ${limit} for one stdio message, and was dropped: nothing was done. Send less in one call: a smaller archive or fewer files per put_container_archive, several calls instead of one.`,
      { limit_bytes: this.maxBytes, message_bytes: message.bytes },
    );
  }

  private answerError(
    id: string | number | undefined,
    code: number,
    message: string,
    data?: Record<string, unknown>,
  ): Promise<void> {
    return this.send({
      jsonrpc: '2.0',
      ...(id !== undefined && { id }),
      error: { code, message, ...(data && { data }) },
    });
  }
}

function requestPartsOf(json: unknown): { id?: string | number; method?: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  const { id, method } = json as { id?: unknown; method?: unknown };
  return {
    ...((typeof id === 'string' || typeof id === 'number') && { id }),
    ...(typeof method === 'string' && { method }),
  };
}

function formatMiB(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

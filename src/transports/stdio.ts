/**
 * MCP over stdin/stdout: one connection for the life of the process. The SDK's serveStdio
 * owns the era: the opening exchange (server/discover for 2026-07-28, initialize before it)
 * decides it, and one server from the factory serves the connection. Our transport keeps
 * reading past a bad line (./stdio-transport.ts), and says when the client listens for
 * resource changes (./stdio-listens.ts), which the entry serves without telling the server.
 */
import type { McpServerFactory } from '@modelcontextprotocol/server';
import { serveStdio as serveStdioEntry } from '@modelcontextprotocol/server/stdio';
import { MAX_STDIO_MESSAGE_BYTES } from '../config.js';
import type { Logger } from '../log.js';
import { ResourceListens } from './stdio-listens.js';
import { BoundedStdioTransport } from './stdio-transport.js';
import { guardStdout } from './stdout.js';

export interface StdioHandle {
  /** Resolves when the client has gone (stdin closed) or a signal asked us to stop. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export interface StdioOptions {
  /** subscriptions/listen streams open at once on the connection. */
  maxSubscriptions?: number;
  /** Called with true when the client starts listening for resource changes, false after. */
  onListening?: (listening: boolean) => void;
}

export function serveStdio(
  factory: McpServerFactory,
  log: Logger,
  { maxSubscriptions, onListening }: StdioOptions = {},
): StdioHandle {
  guardStdout();
  const transport = new BoundedStdioTransport({
    maxMessageBytes: MAX_STDIO_MESSAGE_BYTES,
    log,
    ...(onListening && { observer: new ResourceListens(onListening) }),
  });
  let finish: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (finish = resolve));
  const handle = serveStdioEntry(factory, {
    transport,
    onerror: (error) => log.debug('stdio: protocol error', error),
    ...(maxSubscriptions !== undefined && { maxSubscriptions }),
  });
  let stopping = false;
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    log.info(`stdio: ${why}; shutting down`);
    handle.close().then(finish, finish);
  };
  // The transport does not watch for the end of stdin: a client that exits without closing
  // the connection would otherwise leave this process behind.
  process.stdin.once('end', () => stop('stdin closed'));
  process.stdin.once('close', () => stop('stdin closed'));
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') stop('stdout closed');
  });
  return { closed, close: () => handle.close() };
}

/** MCP over stdin/stdout: one server for the life of the process. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { MAX_STDIO_MESSAGE_BYTES } from '../config.js';
import type { Logger } from '../log.js';
import { BoundedStdioTransport } from './stdio-transport.js';
import { guardStdout } from './stdout.js';

export interface StdioHandle {
  /** Resolves when the client has gone (stdin closed) or a signal asked us to stop. */
  closed: Promise<void>;
}

export async function serveStdio(server: McpServer, log: Logger): Promise<StdioHandle> {
  guardStdout();
  const transport = new BoundedStdioTransport({ maxMessageBytes: MAX_STDIO_MESSAGE_BYTES, log });
  let finish: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (finish = resolve));
  let stopping = false;
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    log.info(`stdio: ${why}; shutting down`);
    server.close().then(finish, finish);
  };
  // The SDK's transport does not watch for the end of stdin: a client that exits without
  // closing the session would otherwise leave this process behind.
  process.stdin.once('end', () => stop('stdin closed'));
  process.stdin.once('close', () => stop('stdin closed'));
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') stop('stdout closed');
  });
  await server.connect(transport);
  return { closed };
}

/** MCP over stdin/stdout: one server for the life of the process. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from '../log.js';
import { guardStdout } from './stdout.js';

export interface StdioHandle {
  /** Resolves when the client has gone (stdin closed) or a signal asked us to stop. */
  closed: Promise<void>;
}

export async function serveStdio(server: McpServer, log: Logger): Promise<StdioHandle> {
  guardStdout();
  const transport = new StdioServerTransport();
  let finish: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (finish = resolve));
  const stop = (why: string): void => {
    log.debug(`stdio: ${why}; shutting down`);
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

/**
 * The server's logger. It writes to stderr only: on stdio, stdout belongs to the protocol.
 */

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

export interface Logger {
  error(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  debug(message: string, detail?: unknown): void;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const emit = (at: LogLevel) => (message: string, detail?: unknown) => {
    if (LOG_LEVELS.indexOf(at) > threshold) return;
    const suffix = detail === undefined ? '' : ` ${formatDetail(detail)}`;
    write(`container-mcp ${at}: ${message}${suffix}\n`);
  };
  return { error: emit('error'), warn: emit('warn'), info: emit('info'), debug: emit('debug') };
}

function formatDetail(detail: unknown): string {
  if (detail instanceof Error) return detail.stack ?? detail.message;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

/** A logger that drops everything, for tests and library use. */
export const silentLogger: Logger = createLogger('error', () => undefined);

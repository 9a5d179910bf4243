/**
 * Errors from the engine client. Every failure of an engine call is an EngineError with a
 * stable `code`, so callers branch on codes, never on message text.
 */

export type EngineErrorCode =
  | 'not_found' // 404: no such container, image or path
  | 'conflict' // 409: the object is in the wrong state (running, paused, name taken)
  | 'not_modified' // 304: already in the requested state
  | 'bad_request' // 400: the engine refused a parameter
  | 'forbidden' // 403: e.g. a read-only root filesystem
  | 'unsupported' // the engine or its API version lacks this endpoint or parameter
  | 'unavailable' // the engine could not be reached
  | 'timeout' // a quick call took longer than its timeout
  | 'cancelled' // the caller aborted the call
  | 'engine'; // anything else: 5xx, unexpected statuses, protocol errors

export interface EngineErrorDetails {
  status?: number;
  /** The endpoint, e.g. "GET /containers/{id}/json", for messages and logs. */
  endpoint?: string;
  /** The engine address the call went to (unix:///var/run/docker.sock). */
  address?: string;
  cause?: unknown;
}

export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly status: number | undefined;
  readonly endpoint: string | undefined;
  readonly address: string | undefined;

  constructor(
    readonly code: EngineErrorCode,
    message: string,
    details: EngineErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.endpoint = details.endpoint;
    this.address = details.address;
  }
}

export function codeForStatus(status: number): EngineErrorCode {
  switch (status) {
    case 304:
      return 'not_modified';
    case 400:
      return 'bad_request';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 501:
      return 'unsupported';
    default:
      return 'engine';
  }
}

/**
 * The code of an error answer. Podman's service answers a container in the wrong state with
 * a 500 whose cause is "container state improper" where dockerd answers 409: the same
 * conflict either way.
 */
export function codeForAnswer(status: number, message: string): EngineErrorCode {
  if (status === 500 && /container state improper$/i.test(message)) return 'conflict';
  return codeForStatus(status);
}

/** The container was not running: a kill (or a stop carried out by kill) found nothing to do. */
export function isNotRunning(error: unknown): boolean {
  return (
    error instanceof EngineError &&
    error.code === 'conflict' &&
    /(is not running|can only kill running containers)/i.test(error.message)
  );
}

/**
 * The engine's message from an error body. Docker sends `{"message": ...}` JSON, Podman adds
 * `cause` and `response`, "client version too old" is text/plain, and an error after a
 * stream has started is not JSON at all: take whatever is there.
 */
export function parseEngineMessage(body: Buffer | string, contentType?: string): string {
  const text = (typeof body === 'string' ? body : body.toString('utf8')).trim();
  if (text === '') return '';
  const looksJson = contentType?.includes('json') === true || text.startsWith('{');
  if (looksJson) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object') {
        const { message } = parsed as { message?: unknown };
        if (typeof message === 'string') return message.trim();
      }
    } catch {
      // not JSON after all: fall through to the raw text
    }
  }
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

/** Hints for socket-level failures, keyed by the errno code Node reports. */
const CONNECT_HINTS: Record<string, string> = {
  ENOENT: 'no socket at that path: is Docker running?',
  ECONNREFUSED: 'nothing is listening there: is Docker running?',
  EACCES: 'permission denied: is this user in the docker group?',
  EPERM: 'permission denied: is this user in the docker group?',
  ENOTFOUND: 'the host name does not resolve',
  EHOSTUNREACH: 'the host is unreachable',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the engine closed the connection',
  UND_ERR_SOCKET: 'the engine closed the connection',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
};

/** An EngineError for a call that never got an HTTP answer. */
export function connectionError(cause: unknown, address: string, endpoint?: string): EngineError {
  // A connector that already explained itself (ssh's stderr) is passed on as it is.
  if (cause instanceof EngineError) return cause;
  const code = errnoOf(cause);
  const hint = code === undefined ? undefined : CONNECT_HINTS[code];
  const what = cause instanceof Error ? cause.message : String(cause);
  const message =
    `cannot reach the Docker engine at ${address}` +
    (code ? ` (${code}${hint ? `: ${hint}` : ''})` : ` (${what})`);
  return new EngineError('unavailable', message, { address, endpoint, cause });
}

/** The errno (ENOENT, EACCES, ...) under a connection failure, else its first code. */
export function errnoOf(error: unknown): string | undefined {
  // undici wraps the socket error (UND_ERR_SOCKET, cause: ECONNRESET): prefer the errno.
  let first: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (/^E[A-Z]+$/.test(code)) return code;
      first ??= code;
    }
    current = current.cause;
  }
  return first;
}

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
  | 'timeout' // a quick call took longer than its timeout, or a long one went quiet
  | 'interrupted' // the connection broke after the request was sent (mid-answer)
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

/** The same error in other words (redacted, or without another container's id): code, status and endpoint kept. */
export function rewordEngineError(error: EngineError, message: string): EngineError {
  if (message === error.message) return error;
  return new EngineError(error.code, message, {
    status: error.status,
    endpoint: error.endpoint,
    address: error.address,
    cause: error,
  });
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
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
};

/** An EngineError for a call that never got an HTTP answer. */
export function connectionError(
  cause: unknown,
  address: string,
  endpoint?: string,
  idleMs?: number,
): EngineError {
  // A connector that already explained itself (ssh's stderr) is passed on as it is.
  if (cause instanceof EngineError) return cause;
  const broken = brokenAnswer(cause, { address, endpoint, idleMs });
  if (broken) return broken;
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
  const codes = codesOf(error);
  return codes.find(isErrno) ?? codes[0];
}

const isErrno = (code: string): boolean => /^E[A-Z]+$/.test(code);

/** The caller cancelled the call (its signal fired): nothing more is read. */
export function cancelled(endpoint: string | undefined, cause?: unknown): EngineError {
  return new EngineError('cancelled', `${endpoint ?? 'the engine call'} was cancelled`, {
    cause,
    endpoint,
  });
}

/** Codes of a connection that broke once the request was on its way (undici's and Node's). */
const BROKEN_CODES = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNRESET',
  'EPIPE',
  'ERR_STREAM_PREMATURE_CLOSE',
]);
/** undici's codes for an engine that went quiet: no headers, or no body bytes, in time. */
const IDLE_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export interface AnswerContext {
  address?: string | undefined;
  endpoint?: string | undefined;
  /** The idle bound in force (--idle-timeout), for the message. */
  idleMs?: number | undefined;
}

/**
 * The one wording for an engine answer that stopped coming: the connection broke
 * (`interrupted`) or the engine sent nothing for the idle bound (`timeout`), naming the engine
 * and the request. Undefined for an error that is neither (a bug, not the connection).
 */
export function brokenAnswer(error: unknown, context: AnswerContext): EngineError | undefined {
  if (error instanceof EngineError) return error;
  const codes = codesOf(error);
  if (codes.some((code) => IDLE_CODES.has(code) || BROKEN_CODES.has(code)))
    return answerBroke(error, context);
  return undefined;
}

/** For `.catch()` on a body read: a broken answer in the one wording, anything else as it is. */
export function rethrowBroken(context: AnswerContext): (error: unknown) => never {
  return (error) => {
    throw brokenAnswer(error, context) ?? error;
  };
}

/** An answer that broke off, whatever the error says: a body that fails mid-read. */
export function answerBroke(error: unknown, context: AnswerContext): EngineError {
  if (error instanceof EngineError) return error;
  const codes = codesOf(error);
  const engine = context.address ? `the engine at ${context.address}` : 'the engine';
  const during = context.endpoint ? ` during ${context.endpoint}` : ' while it was answering';
  const details = { address: context.address, endpoint: context.endpoint, cause: error };
  if (codes.some((code) => IDLE_CODES.has(code))) {
    const idle = context.idleMs === undefined ? '' : ` for ${context.idleMs / 1000} s`;
    return new EngineError(
      'timeout',
      `${engine} sent nothing${idle}${during}, so the request was aborted (--idle-timeout)`,
      details,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const errno = codes.find(isErrno);
  const reason = errno && !message.includes(errno) ? `${message}, ${errno}` : message;
  return new EngineError(
    'interrupted',
    `the connection to ${engine} broke${during} (${reason || 'closed'})`,
    details,
  );
}

/** Every string `code` along the error's cause chain. */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = current.cause;
  }
  return codes;
}

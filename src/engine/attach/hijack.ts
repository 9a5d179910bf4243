/**
 * Attach's hijacked connection: `POST /containers/{id}/attach` with `Upgrade: tcp`, answered
 * `101 UPGRADED`, after which the socket is the container's stdin (our writes) and its
 * output (our reads). Node's http.request, not undici's upgrade(): undici turns the
 * engine's 404 or 409 into an opaque "bad upgrade" socket error, while here a refusal
 * arrives as a plain response whose message we read.
 */
import { request, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorFromResponse, type CallOptions, type Engine } from '../client.js';
import { describeEndpoint, type Endpoint } from '../endpoint.js';
import { connectionError, EngineError } from '../errors.js';

/** `json` is sent as the request body (exec start takes one; attach does not). */
export type ConnectOptions = Pick<CallOptions, 'params' | 'query' | 'signal' | 'json'>;

export async function hijack(
  engine: Engine,
  ep: Endpoint,
  options: ConnectOptions,
): Promise<Duplex> {
  const url = new URL(await engine.versionedPath(ep, options), engine.origin);
  const endpoint = describeEndpoint(ep);
  const handshake = new Handshake(engine, endpoint, options.signal);
  const body = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
  return handshake.run((settle) => {
    const req = request(url, {
      method: ep.method,
      headers: {
        'user-agent': engine.userAgent,
        connection: 'Upgrade',
        upgrade: 'tcp',
        ...(body && { 'content-type': 'application/json', 'content-length': body.length }),
      },
      createConnection: engine.socketFactory(),
    });
    req.on('upgrade', (_res: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Output that came in the same read as the 101 belongs to the stream.
      if (head.length > 0) socket.unshift(head);
      settle.resolve(socket);
    });
    req.on('response', (res: IncomingMessage) => {
      settle.refuse(res);
    });
    req.on('error', (error) => settle.fail(error));
    req.end(body);
    return () => req.destroy();
  });
}

interface Settle {
  resolve(stream: Duplex): void;
  /** The engine answered without upgrading: its status and message are the error. */
  refuse(res: IncomingMessage, map?: (error: EngineError) => EngineError): void;
  fail(error: unknown): void;
}

/**
 * The opening of a raw engine connection (hijack or WebSocket), bounded by the quick-call
 * timeout and the caller's signal, with every failure made an EngineError.
 */
export class Handshake {
  constructor(
    private readonly engine: Engine,
    private readonly endpoint: string,
    private readonly signal: AbortSignal | undefined,
  ) {}

  run(start: (settle: Settle) => () => void): Promise<Duplex> {
    const { engine, endpoint, signal } = this;
    return new Promise<Duplex>((resolve, reject) => {
      let done = false;
      // Set once `start` returns; a failure reported synchronously has nothing to tear down.
      const teardown = { abort: (): void => undefined };
      const finish = (error: unknown, stream?: Duplex): void => {
        if (done) {
          stream?.destroy();
          return;
        }
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (stream) {
          // Its errors are read through its iterator (./session.ts): never an unheard event.
          stream.on('error', () => undefined);
          resolve(stream);
        } else {
          teardown.abort();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      const timer = setTimeout(() => {
        finish(
          new EngineError(
            'timeout',
            `${endpoint} got no answer from ${engine.displayAddress} within ${engine.timeoutMs} ms (raise --timeout if the engine is slow)`,
            { endpoint, address: engine.displayAddress },
          ),
        );
      }, engine.timeoutMs);
      const onAbort = (): void =>
        finish(new EngineError('cancelled', `${endpoint} was cancelled`, { endpoint }));
      signal?.addEventListener('abort', onAbort, { once: true });
      teardown.abort = start({
        resolve: (stream) => finish(undefined, stream),
        refuse: (res, map = (error) => error) => {
          const response = { status: res.statusCode ?? 0, headers: res.headers, body: res };
          errorFromResponse(response, endpoint, engine.displayAddress).then(
            (error) => finish(map(error)),
            finish,
          );
        },
        fail: (error) =>
          finish(
            error instanceof EngineError
              ? error
              : connectionError(error, engine.displayAddress, endpoint),
          ),
      });
      if (signal?.aborted) onAbort();
    });
  }
}

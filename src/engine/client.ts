/**
 * The Docker Engine HTTP client: one instance per engine. It negotiates the API version
 * lazily (the server starts even when the engine is down), sends declared endpoints, turns
 * every unexpected answer into an EngineError and carries the caller's AbortSignal to the
 * socket.
 */
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { describeAddress, type EngineAddress } from './address.js';
import type { ReadableBody } from './body.js';
import {
  createDispatchers,
  type DispatcherOptions,
  type EngineDispatchers,
} from './dispatchers.js';
import { buildPath, describeEndpoint, type Endpoint, type QueryValue } from './endpoint.js';
import {
  answerBroke,
  cancelled,
  codeForAnswer,
  connectionError,
  EngineError,
  parseEngineMessage,
  type AnswerContext,
} from './errors.js';
import { SharedWork, untilAborted } from './abortable.js';
import { pingEngine, type EngineFlavor, type EngineInfo } from './ping.js';
import { apiVersionAtLeast, releaseAtLeast } from './version.js';
import { engineOrigin, engineSocketFactory, type CreateEngineSocket } from './socket.js';
import { startDeadline } from './deadline.js';

export interface EngineOptions extends DispatcherOptions {
  /** Pin the API version (--api-version) instead of negotiating. */
  apiVersion?: string;
  /** Timeout of quick calls in ms (--timeout). */
  timeoutMs?: number;
  /**
   * Long calls (logs, export, archives, stats streams) fail when the engine sends nothing,
   * headers or body bytes, for this many ms (--idle-timeout).
   */
  idleTimeoutMs?: number;
  userAgent?: string;
  /** A name for this engine when a server talks to several. */
  name?: string;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  /** A JSON body (sent with Content-Type: application/json). */
  json?: unknown;
  /** A raw body: a tar archive, for instance. */
  body?: Buffer | Readable | string;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Override the quick-call timeout for this call; null for none. */
  timeoutMs?: number | null;
  /**
   * Override the idle bound of a long call; null for none (a wait, whose answer comes only
   * when the condition is met, is bounded by its own deadline instead).
   */
  idleTimeoutMs?: number | null;
}

export interface EngineResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body stream: the caller must consume or destroy it. */
  body: Dispatcher.ResponseData['body'];
  /** The engine, endpoint and idle bound of this answer: for the error when its body breaks. */
  context: AnswerContext;
}

const ERROR_BODY_CAP = 64 * 1024;

export class Engine {
  readonly address: EngineAddress;
  readonly name: string;
  private readonly options: EngineOptions;
  private dispatchers: Promise<EngineDispatchers> | undefined;
  /** The version ping: shared by the calls that need it, kept once it succeeds. */
  private readonly pinging = new SharedWork<EngineInfo>(
    (signal) => this.ping(signal),
    'GET /_ping',
  );
  /** The last ping's answer, for messages that cannot wait for one. */
  private known: EngineInfo | undefined;

  constructor(address: EngineAddress, options: EngineOptions = {}) {
    this.address = address;
    this.options = options;
    this.name = options.name ?? 'default';
  }

  /** The address as people write it, for messages. */
  get displayAddress(): string {
    return describeAddress(this.address);
  }

  get timeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }

  get idleTimeoutMs(): number {
    return this.options.idleTimeoutMs ?? 30_000;
  }

  /**
   * The engine's identity and the API version in use; pings once, then cached (a failed ping
   * is not: the engine may come up later). A caller stops waiting at its own signal, and the
   * ping is aborted once no caller waits for it.
   */
  async engineInfo(signal?: AbortSignal): Promise<EngineInfo> {
    return (this.known = await this.pinging.join(signal));
  }

  /** dockerd or Podman's Docker-compatible service: they differ (docs/ENGINE-NOTES.md). */
  async flavor(signal?: AbortSignal): Promise<EngineFlavor> {
    return (await this.engineInfo(signal)).podman ? 'podman' : 'docker';
  }

  /**
   * Refuse, before calling, an endpoint this engine lacks: one newer than the API version in
   * use, or one Podman's service does not serve. Callers that open their own connections
   * (attach) call it too.
   */
  async ensureSupported(ep: Endpoint, signal?: AbortSignal): Promise<string> {
    const version = await this.apiVersion(signal);
    if (ep.minVersion !== undefined && !apiVersionAtLeast(version, ep.minVersion)) {
      throw new EngineError(
        'unsupported',
        `${describeEndpoint(ep)} needs Engine API ${ep.minVersion} or later; ${this.displayAddress} speaks ${version}`,
        { endpoint: describeEndpoint(ep), address: this.displayAddress },
      );
    }
    const missing = ep.missingOnPodman;
    if (missing !== undefined) {
      const info = await this.engineInfo(signal);
      const release = info.podmanApiVersion ?? '0';
      if (
        info.podman &&
        (missing.before === undefined || !releaseAtLeast(release, missing.before))
      ) {
        throw new EngineError('unsupported', this.notSupported(ep, missing.before), {
          endpoint: describeEndpoint(ep),
          address: this.displayAddress,
        });
      }
    }
    return version;
  }

  async apiVersion(signal?: AbortSignal): Promise<string> {
    return this.options.apiVersion ?? (await this.engineInfo(signal)).apiVersion;
  }

  /** Send a call and hand back the open response; the caller consumes the body. */
  async request(ep: Endpoint, options: CallOptions = {}): Promise<EngineResponse> {
    return this.send(ep, await this.versionedPath(ep, options), options);
  }

  /**
   * The call's path under the negotiated version prefix ("/v1.41/containers/x/attach?…"),
   * for connections made outside the pools (./attach/); checks the engine supports it.
   */
  async versionedPath(
    ep: Endpoint,
    options: Pick<CallOptions, 'params' | 'query' | 'signal'> = {},
  ): Promise<string> {
    const version = await this.ensureSupported(ep, options.signal);
    return `/v${version}${buildPath(ep, options.params, options.query)}`;
  }

  /** Raw sockets to this engine, for hijacked and WebSocket connections (./attach/). */
  socketFactory(): CreateEngineSocket {
    return engineSocketFactory(this.address, this.options.connector);
  }

  /** The URL origin of requests to this engine (http://localhost on a unix socket). */
  get origin(): string {
    return engineOrigin(this.address);
  }

  get userAgent(): string {
    return this.options.userAgent ?? 'container-mcp';
  }

  /** Send a call and parse its JSON answer; undefined for an empty body (204, 304). */
  async json<T>(ep: Endpoint, options: CallOptions = {}): Promise<T> {
    const response = await this.request(ep, options);
    const text = await response.body.text().catch((error: unknown) => {
      throw this.whileReading(error, response, options.signal);
    });
    return (text.trim() === '' ? undefined : JSON.parse(text)) as T;
  }

  /** Send a call whose body does not matter; returns the status and headers. */
  async call(
    ep: Endpoint,
    options: CallOptions = {},
  ): Promise<Omit<EngineResponse, 'body' | 'context'>> {
    const response = await this.request(ep, options);
    await response.body.dump().catch((error: unknown) => {
      throw this.whileReading(error, response, options.signal);
    });
    return { status: response.status, headers: response.headers };
  }

  /** A body read that failed: cancelled by the caller, or the answer broke off. */
  private whileReading(
    error: unknown,
    response: EngineResponse,
    signal: AbortSignal | undefined,
  ): EngineError {
    if (signal?.aborted) return cancelled(response.context.endpoint, error);
    return answerBroke(error, response.context);
  }

  /** Forget the pools and the negotiated version (tests, shutdown). */
  async close(): Promise<void> {
    const dispatchers = this.dispatchers;
    this.dispatchers = undefined;
    this.pinging.reset();
    this.known = undefined;
    const pools = await dispatchers?.catch(() => undefined);
    if (pools) await Promise.all([pools.quick.destroy(), pools.long.destroy()]);
  }

  private pools(): Promise<EngineDispatchers> {
    this.dispatchers ??= createDispatchers(this.address, this.options).catch((error: unknown) => {
      this.dispatchers = undefined; // an address error is retried on the next call
      throw error;
    });
    return this.dispatchers;
  }

  private async ping(signal?: AbortSignal): Promise<EngineInfo> {
    const pools = await this.pools();
    return pingEngine({
      send: (method, path) =>
        this.dispatch(pools, pools.quick, { method, path }, { signal, timeoutMs: this.timeoutMs }),
      pinned: this.options.apiVersion,
    });
  }

  private async send(ep: Endpoint, path: string, options: CallOptions): Promise<EngineResponse> {
    const pools = await this.pools();
    const timeoutMs =
      options.timeoutMs === undefined ? (ep.long ? null : this.timeoutMs) : options.timeoutMs;
    const idleMs = ep.long
      ? options.idleTimeoutMs === undefined
        ? this.idleTimeoutMs
        : options.idleTimeoutMs
      : null;
    const response = await this.dispatch(
      pools,
      ep.held ? pools.own() : ep.long ? pools.long : pools.quick,
      { method: ep.method, path, json: options.json, body: options.body, headers: options.headers },
      {
        signal: options.signal,
        timeoutMs,
        idleMs,
        endpoint: describeEndpoint(ep),
        owned: ep.held === true,
      },
    );
    if (ep.expect.includes(response.status)) return response;
    const error = await errorFromResponse(response, describeEndpoint(ep), this.displayAddress);
    // A router's bare 404 ("Not Found", "404 page not found") means the path is unknown to
    // this engine; a missing object comes with the engine's own message.
    if (error.status === 404 && /^(404 page )?not found$/i.test(error.message)) {
      throw new EngineError('unsupported', this.notSupported(ep), {
        status: 404,
        endpoint: describeEndpoint(ep),
        address: this.displayAddress,
      });
    }
    throw error;
  }

  private notSupported(ep: Endpoint, podmanFixedIn?: string): string {
    const product = this.known?.product ?? `the engine at ${this.displayAddress}`;
    const later = podmanFixedIn === undefined ? '' : ` (Podman ${podmanFixedIn} and later have it)`;
    return `${describeEndpoint(ep)} is not supported by this engine (${product})${later}`;
  }

  private async dispatch(
    pools: EngineDispatchers,
    dispatcher: Dispatcher,
    request: {
      method: string;
      path: string;
      json?: unknown;
      body?: CallOptions['body'];
      headers?: Record<string, string>;
    },
    control: {
      signal?: AbortSignal | undefined;
      timeoutMs: number | null;
      /** No bytes (headers or body) for this long fails the call; null: no idle bound. */
      idleMs?: number | null;
      endpoint?: string;
      /** The dispatcher is this request's own connection: destroyed when the request ends. */
      owned?: boolean;
    },
  ): Promise<EngineResponse> {
    const timeout =
      control.timeoutMs === null || control.timeoutMs <= 0
        ? undefined
        : startDeadline(control.timeoutMs);
    const signals = [control.signal, timeout?.signal].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      ...request.headers,
    };
    let body = request.body;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    // An owned connection goes with its request: on a cancel or a timeout at once (that also
    // fails a request still waiting for the socket), else when its body is done.
    const release = (): void => void dispatcher.destroy().catch(() => undefined);
    if (control.owned) signal?.addEventListener('abort', release, { once: true });
    try {
      const sent = dispatcher.request({
        origin: pools.origin,
        method: request.method,
        path: request.path,
        headers,
        ...(body !== undefined && { body }),
        ...(signal && { signal }),
        // undici's own idle timers: no headers, or no body bytes, for this long.
        ...(control.idleMs != null && {
          headersTimeout: control.idleMs,
          bodyTimeout: control.idleMs,
        }),
      });
      // undici leaves an aborted request that is still queued pending (./abortable.ts).
      const response = await untilAborted(sent, signal, (late) => late.body.destroy());
      if (control.owned) response.body.once('close', release);
      // Thousands of calls a minute: each request's timer goes with its answer, not 30 s later.
      if (timeout) response.body.once('close', timeout.clear);
      const context: AnswerContext = {
        address: this.displayAddress,
        endpoint: control.endpoint,
        ...(control.idleMs != null && { idleMs: control.idleMs }),
      };
      return {
        status: response.statusCode,
        headers: response.headers,
        body: response.body,
        context,
      };
    } catch (error) {
      if (control.owned) release();
      if (control.signal?.aborted) {
        throw cancelled(control.endpoint ?? request.path, error);
      }
      timeout?.clear();
      if (timeout?.signal.aborted) {
        throw new EngineError(
          'timeout',
          `${control.endpoint ?? request.path} got no answer from ${this.displayAddress} within ${control.timeoutMs} ms (raise --timeout if the engine is slow)`,
          { cause: error, endpoint: control.endpoint, address: this.displayAddress },
        );
      }
      this.pinging.reset(); // the engine may come back as another version
      throw connectionError(
        error,
        this.displayAddress,
        control.endpoint,
        control.idleMs ?? undefined,
      );
    }
  }
}

/** The EngineError for an answer outside the endpoint's expected statuses: its message read. */
export async function errorFromResponse(
  response: Pick<EngineResponse, 'status' | 'headers'> & { body: ReadableBody },
  endpoint: string,
  address: string,
): Promise<EngineError> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      if (size < ERROR_BODY_CAP) chunks.push(buffer);
      size += buffer.length;
      if (size >= ERROR_BODY_CAP) break;
    }
  } catch {
    // a body cut mid-way still leaves the status to report
  }
  response.body.destroy();
  const contentType = response.headers['content-type'];
  const message = parseEngineMessage(
    Buffer.concat(chunks),
    Array.isArray(contentType) ? contentType[0] : contentType,
  );
  return new EngineError(
    codeForAnswer(response.status, message),
    message || `the engine answered HTTP ${response.status}`,
    {
      status: response.status,
      endpoint,
      address,
    },
  );
}

/**
 * `--http`: Streamable HTTP at /mcp on node:http (or node:https with --tls-cert/--tls-key),
 * both protocol eras (./eras.ts). Secure by default: a bearer token always (generated on
 * loopback when none is given), Host and Origin checks, a body cap. close() stops
 * accepting, ends every session and request in flight (which aborts their tool calls and
 * engine requests) and drops the connections.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { HttpConfig } from '../../config.js';
import type { Engine } from '../../engine/index.js';
import { UsageError } from '../../config.js';
import type { Logger } from '../../log.js';
import { BearerAuth, generateToken } from './auth.js';
import { urlHost } from './bind.js';
import type { ServerEventBus } from '@modelcontextprotocol/server';
import type { ServerFactory } from './endpoint.js';
import { Eras } from './eras.js';
import { RequestGuard } from './origin.js';
import { Router } from './router.js';
import { Sessions } from './sessions.js';
import { Stateless } from './stateless.js';
import { loadTls } from './tls.js';

const KEEP_ALIVE_MS = 65_000;

export interface HttpDeps {
  http: HttpConfig;
  engine: Engine;
  log: Logger;
  newServer: ServerFactory;
  /** What subscriptions/listen streams hear (container changes), and how many may be open. */
  bus?: ServerEventBus;
  maxSubscriptions?: number;
  /** Where the start-up lines (URL, generated token) go; stderr, whatever the log level. */
  announce?: (line: string) => void;
}

export interface HttpHandle {
  url: string;
  close(): Promise<void>;
}

export async function serveHttp(deps: HttpDeps): Promise<HttpHandle> {
  const { http, engine, log, newServer } = deps;
  const listen = http.listen;
  if (!listen) throw new Error('serveHttp needs http.listen');
  const tls = http.tlsCert && http.tlsKey ? loadTls(http.tlsCert, http.tlsKey) : undefined;
  const generated = http.token === undefined;
  const token = http.token ?? generateToken();
  const legacy = http.stateless
    ? new Stateless(newServer)
    : new Sessions({ idleMs: http.sessionIdleMs, max: http.maxSessions, newServer, log });
  const endpoint = new Eras({
    legacy,
    newServer,
    maxBodyBytes: http.maxBodyBytes,
    log,
    ...(deps.bus && { bus: deps.bus }),
    ...(deps.maxSubscriptions !== undefined && { maxSubscriptions: deps.maxSubscriptions }),
  });
  const router = new Router({
    guard: new RequestGuard(listen, { ...http, tls: tls !== undefined }),
    auth: new BearerAuth(token),
    endpoint,
    engine,
    stateless: http.stateless,
    maxBodyBytes: http.maxBodyBytes,
    log,
  });
  const server = tls ? createTlsServer(tls, router.listener) : createServer(router.listener);
  // Node's 5 s keep-alive loses races with clients reusing a socket just as it expires (a
  // busy client's timers run late): the POST then fails with ECONNRESET. Keep idle sockets
  // longer than clients do (undici: the server's hint less 1 s; browsers: about 60 s).
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  await listenOn(server, listen.host, listen.port);

  const { port } = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${urlHost(listen.host)}:${port}/mcp`;
  const announce = deps.announce ?? ((line) => process.stderr.write(`container-mcp: ${line}\n`));
  announce(`serving MCP over Streamable HTTP at ${url}${http.stateless ? ' (stateless)' : ''}`);
  if (generated)
    announce(`bearer token for this run (set CONTAINER_MCP_TOKEN to choose your own): ${token}`);

  return {
    url,
    async close() {
      router.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await endpoint.closeAll();
      server.closeAllConnections();
      await closed;
    },
  };
}

function listenOn(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? 'the port is in use'
          : error.code === 'EACCES'
            ? 'permission denied (ports below 1024 need privileges)'
            : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
              ? 'no such address on this machine'
              : error.message;
      reject(new UsageError(`--http ${urlHost(host)}:${port}: cannot listen: ${why}`));
    });
    server.listen(port, host, () => resolve());
  });
}

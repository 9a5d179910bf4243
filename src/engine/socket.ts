/**
 * A raw connection to the engine, for the calls undici's pools cannot carry: attach hijacks
 * the HTTP connection and attach/ws speaks WebSocket over it. This is the one place such a
 * socket is made, so an address kind added later (ssh, through the `connector` hook of
 * ./dispatchers.ts) reaches attach here too.
 *
 * The function has the shape of Node's `createConnection` option (http.request, ws): it
 * returns the socket, or hands it to `done` when it comes asynchronously (a connector).
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { Pool } from 'undici';
import type { EngineAddress } from './address.js';
import { sshConnectorFor } from './ssh.js';

export type SocketDone = (error: Error | null, socket: Duplex) => void;
export type CreateEngineSocket = (options: object, done: SocketDone) => Duplex | undefined;

export function engineSocketFactory(
  address: EngineAddress,
  connector?: Pool.Options['connect'],
): CreateEngineSocket {
  switch (address.kind) {
    case 'unix':
    case 'npipe':
      return () => netConnect({ path: address.socketPath });
    case 'tcp': {
      const { host, port, tls } = address;
      if (!tls) return () => netConnect({ host, port });
      return () =>
        tlsConnect({
          host,
          port,
          // SNI takes host names only, never an IP address
          ...(!/^[\d.]+$|:/.test(host) && { servername: host }),
          rejectUnauthorized: tls.verify,
          ...(tls.ca && { ca: tls.ca }),
          ...(tls.cert && { cert: tls.cert }),
          ...(tls.key && { key: tls.key }),
        });
    }
    case 'ssh': {
      const connect = sshConnectorFor(address, connector);
      // undici's connector contract: options of the origin, then a node-style callback.
      return (_options, done) => {
        connect(
          {
            hostname: address.host,
            host: address.host,
            protocol: 'http:',
            port: String(address.port ?? ''),
            servername: undefined,
            localAddress: null,
            httpSocket: undefined,
          },
          (error, socket) => done(error, socket as Socket),
        );
        return undefined;
      };
    }
  }
}

/**
 * The URL origin of requests to the engine, as undici's pools use it: a placeholder host on
 * a unix socket or a connector (the engine ignores it), else the TCP address.
 */
export function engineOrigin(address: EngineAddress): string {
  if (address.kind !== 'tcp') return 'http://localhost';
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${address.tls ? 'https' : 'http'}://${host}:${address.port}`;
}

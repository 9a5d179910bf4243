/**
 * undici dispatchers for an engine address. Two pools, because one undici connection
 * serves one request at a time: quick calls (inspect, list, start) get a small keep-alive
 * pool, and long-lived ones (wait, logs --follow, stats streams, export) get their own, so
 * a pending wait never holds up an inspect.
 *
 * undici is imported on the first engine call, not at start-up: its module graph is the
 * largest single cost of a cold start, and tools/list never needs it (bench/NOTES.md).
 */
import type { Dispatcher, Pool } from 'undici';
import type { EngineAddress } from './address.js';
import { engineOrigin } from './socket.js';
import { sshConnectorFor } from './ssh.js';

export interface EngineDispatchers {
  /** The origin undici sends in the Host header and request line. */
  origin: string;
  quick: Dispatcher;
  long: Dispatcher;
  /**
   * A connection for one held request (a wait, events): destroying it on a cancel closes
   * the socket at once and fails the request even before it was sent. In a pool, an aborted
   * request that is still queued stays pending until a connection frees up, and undici opens
   * a fresh connection after aborting one in flight (nodejs/undici#5845): a cancelled wait
   * would leave either behind.
   */
  own: () => Dispatcher;
}

export interface DispatcherOptions {
  /** Connections for quick calls; enough for a busy agent's parallel calls. */
  quickConnections?: number;
  /** Build each connection's socket (default for ssh://: an `ssh ... docker system dial-stdio` child). */
  connector?: Pool.Options['connect'];
}

export async function createDispatchers(
  address: EngineAddress,
  options: DispatcherOptions = {},
): Promise<EngineDispatchers> {
  const { origin, connect } = connectionFor(address, options);
  const { Client, Pool } = await import('undici');
  // Timeouts are ours (AbortSignal per call), not undici's: its 300 s defaults would cut a
  // 10-minute wait or a long export short.
  const common: Pool.Options = { headersTimeout: 0, bodyTimeout: 0, ...(connect && { connect }) };
  return {
    origin,
    quick: new Pool(origin, { ...common, connections: options.quickConnections ?? 16 }),
    long: new Pool(origin, { ...common, connections: null }),
    own: () => new Client(origin, common),
  };
}

function connectionFor(
  address: EngineAddress,
  options: DispatcherOptions,
): { origin: string; connect?: Pool.Options['connect'] } {
  const origin = engineOrigin(address);
  switch (address.kind) {
    case 'unix':
    case 'npipe':
      return { origin, connect: { socketPath: address.socketPath } };
    case 'tcp': {
      if (!address.tls) return { origin };
      const { ca, cert, key, verify } = address.tls;
      return {
        origin,
        connect: {
          rejectUnauthorized: verify,
          ...(ca && { ca }),
          ...(cert && { cert }),
          ...(key && { key }),
        },
      };
    }
    case 'ssh':
      return { origin, connect: sshConnectorFor(address, options.connector) };
  }
}

/**
 * Attach over WebSocket: `GET /containers/{id}/attach/ws`. The engine sends the output as
 * binary messages with stdout and stderr merged (never multiplexed), and takes each message
 * we send as stdin. The `ws` package rather than undici's WebSocket: undici reports a
 * refused handshake only as "non-101 status code", while ws hands over the response, so a
 * 404 from an engine without this endpoint (Podman 4) is told apart from a missing
 * container. Its stream also keeps reading after our close frame, which is how stdin gets
 * EOF while the rest of the output still arrives.
 */
import type { Duplex } from 'node:stream';
import type { Engine } from '../client.js';
import { describeEndpoint, type Endpoint } from '../endpoint.js';
import { EngineError } from '../errors.js';
import { Handshake, type ConnectOptions } from './hijack.js';

export async function openWebSocket(
  engine: Engine,
  ep: Endpoint,
  options: ConnectOptions,
): Promise<Duplex> {
  const path = await engine.versionedPath(ep, options);
  const url = new URL(path, engine.origin.replace(/^http/, 'ws'));
  const endpoint = describeEndpoint(ep);
  // Loaded on first use: most sessions never attach over WebSocket, and start-up stays lean.
  const { createWebSocketStream, WebSocket } = await import('ws');
  return new Handshake(engine, endpoint, options.signal).run((settle) => {
    const socket = new WebSocket(url, {
      headers: { 'user-agent': engine.userAgent },
      perMessageDeflate: false,
      // ws takes Node's createConnection signature; ours also accepts its callback form.
      createConnection: engine.socketFactory() as never,
    });
    // Made now, so no message that arrives with the handshake is missed.
    const stream = createWebSocketStream(socket);
    stream.on('error', () => undefined); // until the handshake hands it over
    socket.once('open', () => settle.resolve(stream));
    socket.once('unexpected-response', (_req, res) => {
      settle.refuse(res, (error) =>
        // The container was looked up first: a 404 about anything else is the endpoint.
        error.status === 404 && !/no such container/i.test(error.message)
          ? new EngineError(
              'unsupported',
              `attach over WebSocket is not supported by this engine: ${engine.displayAddress} answered 404 (${error.message}) to ${endpoint}. Use container_attach instead`,
              { status: 404, endpoint, address: engine.displayAddress },
            )
          : error,
      );
    });
    socket.once('error', (error) => settle.fail(error));
    return () => socket.terminate();
  });
}

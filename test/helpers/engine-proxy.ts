/**
 * A counting proxy in front of the real engine, on its own unix socket: tests point the
 * server's DOCKER_HOST here to prove that a refused request made no engine call, to see
 * which requests a call made (by name or by full id), and to act between two requests of
 * one call (`before`), which is how a race is driven on purpose instead of by chance.
 */
import { createServer, request } from 'node:http';
import { engineSocket } from './docker.js';
import { freshSocketPath } from './fake-engine.js';

export interface ProxiedRequest {
  method: string;
  /** The path without the API version prefix, e.g. "/containers/web/json". */
  path: string;
  /** The query string, without "?" ("signal=SIGUSR1&t=20"); "" when there is none. */
  query: string;
}

export interface EngineProxy {
  url: string;
  /** Engine requests seen so far. */
  count: () => number;
  /** Every request seen so far, in order. */
  requests: () => ProxiedRequest[];
  /** Requests whose answer has not ended yet (a wait, an event stream, a follow). */
  inFlight: () => ProxiedRequest[];
  close: () => Promise<void>;
}

export interface ProxyOptions {
  /** Runs before a request is forwarded (and holds it until done). */
  before?: (seen: ProxiedRequest) => Promise<void> | void;
}

export async function startEngineProxy(options: ProxyOptions = {}): Promise<EngineProxy> {
  const target = engineSocket();
  const socketPath = freshSocketPath();
  const seen: ProxiedRequest[] = [];
  const open = new Set<ProxiedRequest>();
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    const entry = {
      method: req.method ?? '',
      path: url.replace(/^\/v[\d.]+(?=\/)/, '').replace(/\?.*$/, ''),
      query: url.includes('?') ? url.slice(url.indexOf('?') + 1) : '',
    };
    seen.push(entry);
    open.add(entry);
    res.on('close', () => open.delete(entry));
    const forward = async () => {
      await options.before?.(entry);
      const onward = request(
        { socketPath: target, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      onward.on('error', () => res.destroy());
      res.on('close', () => onward.destroy()); // the caller let go: so does the proxy
      req.pipe(onward);
    };
    forward().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    url: `unix://${socketPath}`,
    count: () => seen.length,
    requests: () => [...seen],
    inFlight: () => [...open],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

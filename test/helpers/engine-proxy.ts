/**
 * A counting proxy in front of the real engine, on its own unix socket: tests point the
 * server's DOCKER_HOST here to prove that a refused request made no engine call, to see
 * which requests a call made (by name or by full id), and to act between two requests of
 * one call (`before`), which is how a race is driven on purpose instead of by chance.
 */
import { createServer, request } from 'node:http';
import { freshSocketPath } from './fake-engine.js';

export interface ProxiedRequest {
  method: string;
  /** The path without the API version prefix, e.g. "/containers/web/json". */
  path: string;
}

export interface EngineProxy {
  url: string;
  /** Engine requests seen so far. */
  count: () => number;
  /** Every request seen so far, in order. */
  requests: () => ProxiedRequest[];
  close: () => Promise<void>;
}

export interface ProxyOptions {
  /** Runs before a request is forwarded (and holds it until done). */
  before?: (seen: ProxiedRequest) => Promise<void> | void;
}

export async function startEngineProxy(options: ProxyOptions = {}): Promise<EngineProxy> {
  const target = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(
    /^unix:\/\//,
    '',
  );
  const socketPath = freshSocketPath();
  const seen: ProxiedRequest[] = [];
  const server = createServer((req, res) => {
    const entry = {
      method: req.method ?? '',
      path: (req.url ?? '').replace(/^\/v[\d.]+(?=\/)/, '').replace(/\?.*$/, ''),
    };
    seen.push(entry);
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
      req.pipe(onward);
    };
    forward().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    url: `unix://${socketPath}`,
    count: () => seen.length,
    requests: () => [...seen],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

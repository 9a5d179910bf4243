/**
 * A counting proxy in front of the real engine, on its own unix socket: tests point the
 * server's DOCKER_HOST here to prove that a refused request made no engine call.
 */
import { createServer, request } from 'node:http';
import { freshSocketPath } from './fake-engine.js';

export interface EngineProxy {
  url: string;
  /** Engine requests seen so far. */
  count: () => number;
  close: () => Promise<void>;
}

export async function startEngineProxy(): Promise<EngineProxy> {
  const target = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(
    /^unix:\/\//,
    '',
  );
  const socketPath = freshSocketPath();
  let count = 0;
  const server = createServer((req, res) => {
    count += 1;
    const forward = request(
      { socketPath: target, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    url: `unix://${socketPath}`,
    count: () => count,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A counting proxy in front of the real engine, on its own unix socket: tests point the
 * server's DOCKER_HOST here to prove that a refused request made no engine call, or to see
 * which requests a call made.
 */
import { createServer, request } from 'node:http';
import { engineSocket } from './docker.js';
import { freshSocketPath } from './fake-engine.js';

export interface EngineProxy {
  url: string;
  /** Engine requests seen so far. */
  count: () => number;
  /** Their request lines so far: "POST /v1.45/containers/ab12/stop?signal=USR1". */
  requests: () => string[];
  close: () => Promise<void>;
}

export async function startEngineProxy(): Promise<EngineProxy> {
  const target = engineSocket();
  const socketPath = freshSocketPath();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
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
    count: () => requests.length,
    requests: () => [...requests],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

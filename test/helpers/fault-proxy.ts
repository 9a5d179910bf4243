/**
 * A proxy in front of the real engine, on its own unix socket, that can be told to fail the
 * way an engine fails: go away and come back, stall (before or after its headers), cut an
 * answer mid-body, or reset the connection. Requests that no fault matches pass through.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { rmSync } from 'node:fs';
import { freshSocketPath } from './fake-engine.js';

export type Fault =
  /** Never answer (nothing at all, or the headers and then nothing). */
  | { kind: 'stall'; after: 'nothing' | 'headers' }
  /** Send the headers and this many body bytes, then close the connection. */
  | { kind: 'cut'; afterBytes: number }
  /** Close the connection as soon as the request arrives. */
  | { kind: 'reset' };

export interface FaultRule {
  method?: string;
  /** Matched against the request path (after the version prefix). */
  path: RegExp;
  fault: Fault;
}

export interface FaultProxy {
  url: string;
  /** Fail the requests these rules match, from now on (replaces earlier rules). */
  fail(rules: FaultRule[]): void;
  /** Pass everything through again. */
  heal(): void;
  /** Stop listening (the socket is gone: the engine is down) ... */
  down(): Promise<void>;
  /** ... and listen again. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultProxy(): Promise<FaultProxy> {
  const target = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(
    /^unix:\/\//,
    '',
  );
  const socketPath = freshSocketPath();
  let rules: FaultRule[] = [];
  const held = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const path = (req.url ?? '').replace(/^\/v\d+\.\d+/, '');
    const rule = rules.find((r) => r.path.test(path) && (!r.method || r.method === req.method));
    if (rule?.fault.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (rule?.fault.kind === 'stall' && rule.fault.after === 'nothing') {
      held.add(res);
      req.resume();
      return;
    }
    forward(req, res, target, rule?.fault, held);
  });
  const listen = (): Promise<void> =>
    new Promise((resolve) => server.listen(socketPath, () => resolve()));
  const stop = async (): Promise<void> => {
    for (const res of held) res.socket?.destroy();
    held.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(socketPath, { force: true });
  };
  await listen();
  return {
    url: `unix://${socketPath}`,
    fail: (next) => (rules = next),
    heal: () => (rules = []),
    down: stop,
    up: listen,
    close: stop,
  };
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  target: string,
  fault: Fault | undefined,
  held: Set<ServerResponse>,
): void {
  const upstream = request(
    { socketPath: target, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      if (fault?.kind === 'stall') {
        res.flushHeaders();
        held.add(res);
        answer.destroy();
        return;
      }
      if (fault?.kind !== 'cut') {
        answer.pipe(res);
        return;
      }
      let sent = 0;
      answer.on('data', (chunk: Buffer) => {
        const room = fault.afterBytes - sent;
        if (room > 0) res.write(chunk.subarray(0, room));
        sent += chunk.length;
        if (sent >= fault.afterBytes) {
          answer.destroy();
          // Let the bytes go out, then break the connection mid-body.
          res.socket?.end(() => res.socket?.destroy());
        }
      });
      answer.on('end', () => res.end());
    },
  );
  upstream.on('error', () => res.socket?.destroy());
  req.pipe(upstream);
}

/**
 * A scripted fake engine on a unix socket, for the faults and quirks the real engine will
 * not produce on demand (odd versions, missing headers, slow answers, broken bodies). It is
 * never a replacement for the real engine in tests of behaviour.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type Route = (req: IncomingMessage, res: ServerResponse, body: Buffer) => unknown;
/** A request with `Connection: Upgrade` (attach): the handler owns the raw socket. */
export type UpgradeRoute = (req: IncomingMessage, socket: Duplex, head: Buffer) => unknown;

export interface FakeEngine {
  socketPath: string;
  url: string;
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }[];
  /** Connections made to it so far, and how many of them are still open. */
  connections: () => { opened: number; open: number };
  close: () => Promise<void>;
}

/** A fresh socket path in its own temporary folder (nothing listens there yet). */
export function freshSocketPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'cmcp-fake-')), 'docker.sock');
}

export async function startFakeEngine(
  route: Route,
  socketPath = freshSocketPath(),
  upgrade?: UpgradeRoute,
): Promise<FakeEngine> {
  const dir = dirname(socketPath);
  const requests: FakeEngine['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      Promise.resolve(route(req, res, body)).catch((error: Error) => {
        res.statusCode = 599;
        res.end(error.message);
      });
    });
  });
  if (upgrade) server.on('upgrade', upgrade);
  let opened = 0;
  let open = 0;
  server.on('connection', (socket) => {
    opened += 1;
    open += 1;
    socket.on('close', () => (open -= 1));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    url: `unix://${socketPath}`,
    requests,
    connections: () => ({ opened, open }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A ping answer with the given Api-Version header (none when undefined). */
export function answerPing(
  res: ServerResponse,
  apiVersion: string | undefined,
  extra: Record<string, string> = {},
): void {
  if (apiVersion !== undefined) res.setHeader('Api-Version', apiVersion);
  for (const [key, value] of Object.entries(extra)) res.setHeader(key, value);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('OK');
}

export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

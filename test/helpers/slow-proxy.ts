/**
 * A TCP proxy on loopback in front of a registry that sends the registry's answers slowly
 * (`bytesPerSecond`), so a pull through it takes long enough to be cancelled half-way. It
 * counts the connections the engine has open through it: when a cancelled pull has really
 * stopped, the engine closes them.
 */
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

export interface SlowProxy {
  /** "127.0.0.1:PORT": the registry's address through the proxy. */
  address: string;
  /** Connections open now. */
  open(): number;
  /** Bytes passed from the registry to the engine so far. */
  passed(): number;
  close(): Promise<void>;
}

export async function startSlowProxy(
  targetPort: number,
  bytesPerSecond: number,
): Promise<SlowProxy> {
  const sockets = new Set<Socket>();
  let passed = 0;
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    sockets.add(client);
    const end = (): void => {
      sockets.delete(client);
      client.destroy();
      upstream.destroy();
    };
    let ended = false;
    client.on('close', end).on('error', end);
    // The registry may close first: what it sent still goes out at the slow rate.
    upstream.on('close', () => (ended = true)).on('error', end);
    client.pipe(upstream);
    // Downstream in slices of a tenth of the rate, one slice every 100 ms.
    const slice = Math.max(1, Math.floor(bytesPerSecond / 10));
    const queue: Buffer[] = [];
    upstream.on('data', (chunk: Buffer) => {
      queue.push(chunk);
      if (queue.length > 16) upstream.pause();
    });
    const timer = setInterval(() => {
      let budget = slice;
      while (budget > 0 && queue.length > 0) {
        const head = queue[0]!;
        const part = head.subarray(0, budget);
        client.write(part);
        passed += part.length;
        budget -= part.length;
        if (part.length === head.length) queue.shift();
        else queue[0] = head.subarray(part.length);
      }
      if (queue.length <= 16) upstream.resume();
      if (ended && queue.length === 0) end();
    }, 100);
    client.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    open: () => sockets.size,
    passed: () => passed,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

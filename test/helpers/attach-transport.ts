/**
 * An MCP client transport over a container's attached stdio, as `docker run -i` gives a
 * client: attach (an upgraded connection), start the container, then newline-delimited
 * JSON-RPC on its stdin and stdout, the engine's multiplexed frames taken apart here. Closing
 * half-closes the connection: the container's stdin ends, as when a client closes the pipe.
 */
import { request } from 'node:http';
import type { Socket } from 'node:net';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { docker, engineSocket } from './docker.js';

export class AttachTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  /** What the container wrote to stderr so far. */
  stderr = '';
  private socket?: Socket;
  private pending = Buffer.alloc(0);
  private line = '';

  constructor(private readonly container: string) {}

  async start(): Promise<void> {
    this.socket = await new Promise<Socket>((resolve, reject) => {
      const req = request({
        socketPath: engineSocket(),
        method: 'POST',
        path: `/v1.41/containers/${this.container}/attach?stream=1&stdin=1&stdout=1&stderr=1`,
        headers: { Connection: 'Upgrade', Upgrade: 'tcp' },
      });
      req.on('upgrade', (_res, socket: Socket, head: Buffer) => {
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
      });
      req.on('response', (res) => reject(new Error(`attach answered ${res.statusCode}`)));
      req.on('error', reject);
      req.end();
    });
    this.socket.on('data', (chunk: Buffer) => this.take(chunk));
    this.socket.on('error', (error) => this.onerror?.(error));
    this.socket.on('close', () => this.onclose?.());
    const started = await docker('POST', `/containers/${this.container}/start`);
    if (started.status !== 204)
      throw new Error(`start: ${started.status} ${started.raw.toString()}`);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket?.write(`${JSON.stringify(message)}\n`, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }

  close(): Promise<void> {
    this.socket?.end();
    return Promise.resolve();
  }

  /** Frames: [stream, 0, 0, 0, size (uint32 BE)] then size bytes; 1 stdout, 2 stderr. */
  private take(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) return;
      const payload = this.pending.subarray(8, 8 + size).toString('utf8');
      if (this.pending[0] === 2) this.stderr += payload;
      else this.lines(payload);
      this.pending = this.pending.subarray(8 + size);
    }
  }

  private lines(text: string): void {
    const parts = (this.line + text).split('\n');
    this.line = parts.pop() ?? '';
    for (const part of parts)
      if (part.trim() !== '') this.onmessage?.(JSON.parse(part) as JSONRPCMessage);
  }
}

/**
 * The request body, read by us rather than the SDK so the cap and its status are ours: a
 * declared Content-Length over the cap is refused unread; a chunked body stops at the cap.
 */
import type { IncomingMessage } from 'node:http';

export type Body =
  | { kind: 'json'; value: unknown }
  | { kind: 'too-large' }
  | { kind: 'invalid-json'; message: string };

export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<Body> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes)
    return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop reading but keep the socket: the 413 still has to go out on it.
      req.off('data', onData);
      req.pause();
      resolve({ kind: 'too-large' });
    };
    req.on('data', onData);
    req.once('error', reject);
    req.once('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ kind: 'json', value: JSON.parse(text) as unknown });
      } catch (error) {
        resolve({ kind: 'invalid-json', message: (error as Error).message });
      }
    });
  });
}

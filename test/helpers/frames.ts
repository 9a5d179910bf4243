/** The engine's multiplexed stream format, written out for tests: [stream, 0, 0, 0, size BE] + payload. */
export function frame(stream: number, payload: string | Buffer): Buffer {
  const data = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}

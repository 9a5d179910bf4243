/**
 * Attach, attach over WebSocket and resize on whichever engine DOCKER_HOST names: the
 * hijacked attach and resize work on both; Podman 4.x has no /attach/ws, and the server
 * says so before sending anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  inspect,
  isPodman,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { linesOf, type DataLine } from '../helpers/lines.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

interface AttachData {
  streams: ('stdout' | 'stderr')[];
  lines: DataLine[];
  ended: string;
  streams_merged: boolean;
  container: { running: boolean; exit_code: number };
}

let session: Session;
let podman: boolean;
let reader: TestContainer;
let wsReader: TestContainer;
let tty: TestContainer;
beforeAll(async () => {
  session = await startServer();
  podman = await isPodman();
  const stdin = { openStdin: true, stdinOnce: true };
  [reader, wsReader, tty] = await Promise.all([
    createContainer({ cmd: ['sh', '-c', 'read x; echo got:$x; echo warn:$x >&2'], ...stdin }),
    createContainer({ cmd: ['sh', '-c', 'read x; echo ws:$x'], ...stdin }),
    createContainer({ cmd: ['sh'], tty: true, openStdin: true }),
  ]);
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

describe('attach on this engine', () => {
  it('sends input and keeps stderr apart over the hijacked connection', async () => {
    const result = await call(session, 'container_attach', {
      id: reader.name,
      stdin: true,
      input: 'hello\n',
    });
    const data = dataOf<AttachData>(result);
    const text = (stream: string) =>
      linesOf(data)
        .filter((line) => line.stream === stream)
        .map((line) => line.text);
    expect(text('stdout')).toEqual(['got:hello']);
    expect(text('stderr')).toEqual(['warn:hello']);
    expect(data.container).toMatchObject({ running: false, exit_code: 0 });
  });

  it('over WebSocket: dockerd merges the streams, Podman 4 has no such endpoint', async () => {
    const result = await call(session, 'container_attach_websocket', {
      id: wsReader.name,
      stdin: true,
      input: 'hi\n',
    });
    if (podman) {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/not supported by this engine \(Podman 4\./);
      // Refused before sending: the container never got the input and still waits for it.
      expect((await inspect(wsReader.id))?.State.Running).toBe(true);
    } else {
      const data = dataOf<AttachData>(result);
      expect(linesOf(data).map((line) => line.text)).toContain('ws:hi');
      expect(data.streams_merged).toBe(true);
    }
  });

  it('resizes a TTY and the process sees the new size', async () => {
    const resized = await call(session, 'container_resize', { id: tty.name, h: 33, w: 101 });
    expect(dataOf<{ changed: boolean }>(resized)).toMatchObject({ changed: true });
    const result = await call(session, 'container_attach', {
      id: tty.name,
      stdin: true,
      input: 'busybox stty size; exit 0\n',
    });
    expect(linesOf(dataOf<AttachData>(result)).map((line) => line.text)).toContain('33 101');
  });
});

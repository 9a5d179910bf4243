import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseEngineUrl } from '../../src/engine/address.js';
import { sshCommand, sshConnector } from '../../src/engine/ssh.js';

const address = (url: string) => {
  const parsed = parseEngineUrl(url, 'test');
  if (parsed.kind !== 'ssh') throw new Error('not ssh');
  return parsed;
};

describe('sshCommand', () => {
  it('runs docker system dial-stdio as the Docker CLI does, never prompting', () => {
    expect(sshCommand(address('ssh://me@box.example:2200'), { env: {} })).toEqual([
      'ssh',
      '-o',
      'ConnectTimeout=30',
      '-o',
      'BatchMode=yes',
      '-T',
      '-p',
      '2200',
      '-l',
      'me',
      '--',
      'box.example',
      'docker',
      'system',
      'dial-stdio',
    ]);
  });

  it('leaves user and port to the ssh config when the URL has none', () => {
    const command = sshCommand(address('ssh://box'), { env: {} });
    expect(command).not.toContain('-p');
    expect(command).not.toContain('-l');
    expect(command.slice(-5)).toEqual(['--', 'box', 'docker', 'system', 'dial-stdio']);
  });

  it('takes the program and its options from CONTAINER_MCP_SSH_COMMAND', () => {
    const command = sshCommand(address('ssh://box'), {
      env: { CONTAINER_MCP_SSH_COMMAND: ' /opt/ssh  -F /tmp/cfg ' },
    });
    expect(command.slice(0, 3)).toEqual(['/opt/ssh', '-F', '/tmp/cfg']);
  });
});

describe('sshConnector', () => {
  it("reports ssh's own reason when the request meets a closed pipe (not EPIPE)", async () => {
    // An "ssh" that fails as one does when nothing listens on the port: its stdin is gone
    // before the request is written, and it exits 255 with the reason on stderr.
    const dir = mkdtempSync(join(tmpdir(), 'cmcp-ssh-'));
    const fake = join(dir, 'ssh');
    writeFileSync(
      fake,
      '#!/bin/sh\nexec 0<&-\necho "ssh: connect to host box port 22: Connection refused" >&2\nsleep 0.3\nexit 255\n',
      { mode: 0o755 },
    );
    const connect = sshConnector(address('ssh://box'), {
      env: { ...process.env, CONTAINER_MCP_SSH_COMMAND: fake },
    });
    const stream = await new Promise<Duplex>((resolve, reject) =>
      connect({} as never, (error, socket) => (error ? reject(error) : resolve(socket))),
    );
    const error = new Promise<Error>((resolve) => stream.on('error', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100)); // its stdin is closed by now
    stream.write('GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n');
    expect((await error).message).toBe(
      'cannot reach the Docker engine at ssh://box: ssh exited with 255: ssh: connect to host box port 22: Connection refused',
    );
    rmSync(dir, { recursive: true });
  });
});

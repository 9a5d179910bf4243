import { describe, expect, it } from 'vitest';
import { parseEngineUrl } from '../../src/engine/address.js';
import { sshCommand } from '../../src/engine/ssh.js';

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

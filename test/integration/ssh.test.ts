/**
 * ssh:// engines: the server reaches the engine under test through a local sshd on
 * 127.0.0.1:2223 (scripts/test-sshd.sh) running `docker system dial-stdio`, as the Docker CLI
 * does. The remote docker CLI dials the DOCKER_HOST the client sends (SetEnv; the sshd
 * accepts it), so these tests reach the engine under test, whichever it is.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createContainer,
  engineUnderTest,
  FILE_LABEL,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { setUp, skipWhen } from '../helpers/fixtures.js';
import { listedNames } from '../helpers/rows.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

const PORT = process.env.CONTAINER_MCP_SSHD_PORT ?? '2223';
const SSHD_DIR = process.env.CONTAINER_MCP_SSHD_DIR ?? `/tmp/container-mcp-sshd-${PORT}`;
const SSHD = `ssh://127.0.0.1:${PORT}`;
const sshCommand = (...options: string[]): Record<string, string> => ({
  CONTAINER_MCP_SSH_COMMAND: [
    'ssh',
    '-F',
    `${SSHD_DIR}/ssh_config`,
    '-o',
    `SetEnv=DOCKER_HOST=${engineUnderTest()}`,
    ...options,
  ].join(' '),
});

// Idempotent: reuses a running sshd, starts (and on Debian as root installs) one otherwise.
const unavailable = setUp('test-sshd.sh');
let session: Session;
let container: TestContainer;

beforeAll(async () => {
  if (unavailable) return;
  container = await createContainer({ cmd: ['sh', '-c', 'echo hello over ssh; sleep 3600'] });
  session = await startServer({ args: ['--host', SSHD], env: sshCommand() });
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});
beforeEach(skipWhen(unavailable));

describe('an ssh:// engine', () => {
  it('lists, inspects and reads logs through ssh', async () => {
    const list = await call(session, 'container_list', { filters: { label: [FILE_LABEL] } });
    expect(listedNames(list)).toEqual([container.name]);

    const inspected = dataOf<{ container: { id: string; state: { status: string } } }>(
      await call(session, 'container_inspect', { id: container.name }),
    );
    expect(inspected.container.id).toBe(container.id.slice(0, 12));
    expect(inspected.container.state.status).toBe('running');

    const logs = await call(session, 'container_logs', { id: container.name });
    expect(logs.isError).toBeFalsy();
    expect(textOf(logs)).toContain('hello over ssh');
  });

  it('runs a command with input over the hijacked connection, through ssh', async () => {
    const result = await call(session, 'container_exec', {
      id: container.name,
      cmd: ['sh', '-c', 'cat; echo "exit via ssh" >&2; exit 4'],
      input: 'typed over ssh\n',
    });
    const data = dataOf<{ output: string; exit_code: number }>(result);
    expect(data.exit_code).toBe(4);
    expect(data.output.split('\n').sort()).toEqual(['[stderr] exit via ssh', 'typed over ssh']);
  });

  it('serves parallel calls (one ssh child per connection)', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => call(session, 'container_inspect', { id: container.name })),
    );
    for (const result of results) expect(result.isError).toBeFalsy();
  });

  it('names a changed host key and never prompts', async () => {
    const bad = await startServer({
      args: ['--host', SSHD],
      env: sshCommand('-o', `UserKnownHostsFile=${SSHD_DIR}/known_hosts_wrong`),
    });
    try {
      const result = await call(bad, 'container_list');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(`cannot reach the Docker engine at ${SSHD}`);
      expect(textOf(result)).toMatch(/host key/i);
      expect(textOf(result)).toMatch(/known_hosts/);
    } finally {
      await bad.close();
    }
  });

  it('says so when nothing listens on the port', async () => {
    const down = await startServer({ args: ['--host', 'ssh://127.0.0.1:1'], env: sshCommand() });
    try {
      const result = await call(down, 'container_inspect', { id: container.name });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/ssh:\/\/127\.0\.0\.1:1: ssh exited with 255/);
      expect(textOf(result)).toMatch(/Connection refused/i);
    } finally {
      await down.close();
    }
  });

  it('says so when docker is not on the remote PATH', async () => {
    // This key's sessions run with PATH=/nonexistent (a forced command in authorized_keys).
    const bare = await startServer({
      args: ['--host', SSHD],
      env: sshCommand('-o', `IdentityFile=${SSHD_DIR}/id_nodocker`),
    });
    try {
      const result = await call(bare, 'container_list');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/ssh exited with 127: .*docker: not found/);
      expect(textOf(result)).toMatch(/is the docker CLI installed and on the PATH/);
    } finally {
      await bare.close();
    }
  });

  it('says so when the ssh program is missing', async () => {
    const missing = await startServer({
      args: ['--host', SSHD],
      env: { CONTAINER_MCP_SSH_COMMAND: '/nonexistent/ssh' },
    });
    try {
      const result = await call(missing, 'container_list');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/"\/nonexistent\/ssh" was not found: install the OpenSSH/);
    } finally {
      await missing.close();
    }
  });
});

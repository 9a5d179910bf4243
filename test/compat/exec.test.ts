/**
 * container_exec on whichever engine DOCKER_HOST names. Both run the command, keep stdout
 * and stderr apart, give stdin end-of-file, size a TTY and report a process left running at
 * the bound. They differ where a start fails: dockerd writes the runtime's message to stdout
 * (exit 126), Podman to stderr ("Error: .../runc: ...", exit 127), and Podman refuses a
 * missing user with HTTP 500 where dockerd starts and fails in the stream. Each gets the same
 * answer and the same next step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  isPodman,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

interface ExecData {
  exec_id: string;
  running: boolean;
  exit_code?: number;
  pid?: number;
  output: string;
}

let session: Session;
let podman: boolean;
let idle: TestContainer;
beforeAll(async () => {
  [session, podman, idle] = await Promise.all([startServer(), isPodman(), createContainer()]);
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

const exec = (args: Record<string, unknown>) =>
  call(session, 'container_exec', { id: idle.name, ...args });

describe('container_exec on this engine', () => {
  it('runs a command: stdout and stderr apart, stdin then end-of-file, the exit code', async () => {
    const data = dataOf<ExecData>(
      await exec({ cmd: ['sh', '-c', 'cat; echo err >&2; exit 5'], input: 'in\n' }),
    );
    expect(data.exit_code).toBe(5);
    expect(data.output.split('\n').sort()).toEqual(['[stderr] err', 'in']);
  });

  it('sizes a TTY (before the command reads its input)', async () => {
    const data = dataOf<ExecData>(
      await exec({
        cmd: ['sh', '-c', 'read go; stty size'],
        input: 'go\n',
        tty: true,
        tty_size: { h: 21, w: 77 },
      }),
    );
    expect(data.output.split('\n')).toContain('21 77');
  });

  it('reports a process left running at the bound with the PID the engine gives', async () => {
    const data = dataOf<ExecData>(await exec({ cmd: ['sleep', '300'], timeout_s: 3 }));
    expect(data.running).toBe(true);
    const engine = await docker<{ Running: boolean; Pid: number }>(
      'GET',
      `/exec/${data.exec_id}/json`,
    );
    expect(engine.body.Running).toBe(true);
    expect(data.pid).toBe(engine.body.Pid);
    expect(data.pid).toBeGreaterThan(0);
  });

  it("a missing binary: dockerd's stdout, Podman's stderr, the same answer", async () => {
    const result = await exec({ cmd: ['no-such-binary'] });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/^Could not start \["no-such-binary"\]/);
    expect(text).toMatch(
      podman
        ? /Error: \/usr\/sbin\/runc: exec failed: .*"no-such-binary": executable file not found in \$PATH.* \(the engine's exit code 127; the command never ran\)/
        : // 126 from 20.10; 127, what runtimes give a command not found (as Podman does), also passes
          /OCI runtime exec failed: .*"no-such-binary": executable file not found in \$PATH.* \(the engine's exit code 12[67]; the command never ran\)/,
    );
    expect(text).toContain('Next: "no-such-binary" is not in the container');
  });

  it('a missing user: Podman refuses the start (HTTP 500), dockerd fails in the stream; the same next step', async () => {
    const result = await exec({ cmd: ['id'], user: 'ghost' });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(
      podman
        ? /^Engine error \[engine\] \(HTTP 500 from POST \/exec\/\{id\}\/start\): unable to find user ghost/
        : /^Could not start \["id"\] in .*: unable to find user ghost/,
    );
    expect(text).toContain('Next: The user or group is not in the container');
  });
});

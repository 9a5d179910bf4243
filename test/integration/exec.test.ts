/**
 * container_exec through a real MCP client against the real engine: exit codes, stdout and
 * stderr apart, stdin with end-of-file, env/workdir/user, a TTY, the time bound with the
 * process left running (the engine shows it), the max_bytes cut, the errors (stopped,
 * paused, empty command, missing binary, missing directory), cancellation, and the policy
 * (--read-only, --no-destructive, --deny-tools, --allow-privileged, --confirm write, the
 * audit log). Every command ends by itself or at a bound it was given, so nothing here
 * waits on a timer of its own.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  eventually,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { engineStat } from '../helpers/files.js';
import { previewOf } from '../helpers/preview.js';
import { Engine, resolveEngineAddress } from '../../src/engine/index.js';
import { containerExec } from '../../src/tools/exec/exec.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

interface ExecData {
  container: string;
  exec_id: string;
  running: boolean;
  exit_code?: number;
  pid?: number;
  seconds: number;
  output: string;
  lines: number;
  bytes: number;
  omitted?: number;
  input_bytes?: number;
  next?: string;
}

interface EngineExec {
  Running: boolean;
  ExitCode: number | null;
  Pid: number;
  ProcessConfig: { privileged: boolean; user?: string };
}

const auditLog = join(mkdtempSync(join(tmpdir(), 'cmcp-exec-audit-')), 'audit.log');
let session: Session;
let guarded: Session;
let privileged: Session;
let idle: TestContainer;
let stopped: TestContainer;
let paused: TestContainer;

beforeAll(async () => {
  [idle, stopped, paused, session, guarded, privileged] = await Promise.all([
    createContainer(),
    createContainer({ start: false }),
    createContainer(),
    startServer(),
    startServer({ args: ['--confirm', 'write', '--audit-log', auditLog] }),
    startServer({ args: ['--allow-privileged'] }),
  ]);
  await docker('POST', `/containers/${paused.id}/pause`);
});
afterAll(async () => {
  await Promise.all([session?.close(), guarded?.close(), privileged?.close()]);
  await docker('POST', `/containers/${paused?.id}/unpause`);
  await removeTestContainers();
});

const exec = async (args: Record<string, unknown>, on: Session = session) => {
  const result = await call(on, 'container_exec', { id: idle.name, ...args });
  return { result, text: textOf(result), data: dataOf<ExecData>(result) };
};
const failure = async (args: Record<string, unknown>, on: Session = session) => {
  const result = await call(on, 'container_exec', { id: idle.name, ...args });
  expect(result.isError, textOf(result)).toBe(true);
  return textOf(result);
};
const engineExec = async (id: string) => (await docker<EngineExec>('GET', `/exec/${id}/json`)).body;

describe('running a command', () => {
  it('gives stdout and stderr apart, each in order, and the exit code from the engine', async () => {
    const { text, data } = await exec({
      cmd: ['sh', '-c', 'echo one; echo two >&2; echo three; exit 3'],
    });
    // Each stream keeps its order; between them, the engine relays the two pipes as it reads.
    const lines = data.output.split('\n');
    expect(lines.filter((line) => !line.startsWith('[stderr] '))).toEqual(['one', 'three']);
    expect(lines.filter((line) => line.startsWith('[stderr] '))).toEqual(['[stderr] two']);
    expect(data).toMatchObject({ running: false, exit_code: 3, lines: 3, container: idle.name });
    expect(text).toMatch(
      /^Ran \["sh","-c","echo one; echo two >&2; echo three; exit 3"\] in .*: exit code 3 after [\d.]+ s\./,
    );
    expect(text).toContain('Lines from stderr start with "[stderr] "');
    expect(text.endsWith(`\n\n${data.output}`)).toBe(true);
    expect((await engineExec(data.exec_id)).ExitCode).toBe(3);

    const ok = await exec({ cmd: ['true'] });
    expect(ok.data).toMatchObject({ exit_code: 0, output: '', lines: 0 });
    expect(ok.text).toContain('No output.');
  });

  it('runs the command without a shell: its arguments are not expanded', async () => {
    const { data } = await exec({ cmd: ['echo', '$HOME', '*', 'a;b'] });
    expect(data.output).toBe('$HOME * a;b');
  });

  it('sends input to stdin and then end-of-file, so cat finishes', async () => {
    const { text, data } = await exec({
      cmd: ['sh', '-c', 'cat; echo after-eof'],
      input: Buffer.from('a\nb\n').toString('base64'),
      input_encoding: 'base64',
    });
    expect(data.output).toBe('a\nb\nafter-eof');
    expect(data).toMatchObject({ exit_code: 0, input_bytes: 4 });
    expect(text).toContain('Sent 4 bytes of input, then end of file.');
  });

  it('honours env, workdir and user', async () => {
    const { text, data } = await exec({
      cmd: ['sh', '-c', 'echo "$GREETING"; pwd; id -u; id -g'],
      env: ['GREETING=hello there'],
      workdir: '/tmp',
      user: '1234:4321',
    });
    expect(data.output).toBe('hello there\n/tmp\n1234\n4321');
    expect(text).toMatch(/as user "1234:4321" in "\/tmp": exit code 0/);
  });

  it('is redacted like every answer: a secret-looking variable it prints reads ***', async () => {
    const { data } = await exec({ cmd: ['env'], env: ['API_TOKEN=s3cr3t', 'PLAIN=visible'] });
    expect(data.output).toContain('API_TOKEN=***');
    expect(data.output).toContain('PLAIN=visible');
    expect(data.output).not.toContain('s3cr3t');
  });

  it('runs in a TTY of the size asked for (stdout and stderr merged)', async () => {
    const { text, data } = await exec({
      cmd: ['sh', '-c', 'read go; stty size; echo to-stderr >&2'],
      input: 'go\n',
      tty: true,
      tty_size: { h: 33, w: 101 },
    });
    // A TTY echoes the input it reads.
    expect(data.output.split('\n')).toEqual(['go', '33 101', 'to-stderr']);
    expect(text).toContain('A TTY merges stdout and stderr');
  });

  it('cuts the output to max_bytes, keeping the end, and says what was left out', async () => {
    const { text, data } = await exec({ cmd: ['seq', '1', '20000'], max_bytes: 1024 });
    expect(data).toMatchObject({ exit_code: 0, lines: 20000 });
    expect(Buffer.byteLength(data.output)).toBeLessThanOrEqual(1024);
    const kept = data.output.split('\n');
    expect(kept.at(-1)).toBe('20000');
    expect(data.omitted).toBe(20000 - kept.length);
    expect(Number(kept[0])).toBe(20000 - kept.length + 1);
    expect(text).toContain(
      `The first ${data.omitted} lines were left out to keep within max_bytes (1024)`,
    );
    expect(data.next).toMatch(/raise max_bytes/);
  });
});

describe('the time bound', () => {
  it('answers at timeout_s with the output so far, and the process goes on (the engine shows it)', async () => {
    const { text, data } = await exec({
      cmd: ['sh', '-c', 'echo started; exec sleep 300'],
      // Room for a loaded machine to start the shell and print before the bound.
      timeout_s: 5,
    });
    expect(data.output).toBe('started');
    expect(data.running).toBe(true);
    expect(data.exit_code).toBeUndefined();
    expect(text).toMatch(/is STILL RUNNING in .*: the timeout_s bound of 5 s was reached/);
    expect(text).toContain('The engine cannot stop an exec');
    expect(data.next).toMatch(/To stop it: container_exec \["kill", "<PID>"\]/);
    const engine = await engineExec(data.exec_id);
    expect(engine.Running).toBe(true);
    expect(data.pid).toBe(engine.Pid);
    expect(text).toContain(`PID ${engine.Pid} on the engine's host`);
    // The PID is the one container_top lists.
    const top = await call(session, 'container_top', { id: idle.name });
    expect(textOf(top)).toMatch(new RegExp(`\\b${engine.Pid}\\b.*sleep 300`));
  });
});

describe('errors that say what to do', () => {
  it('a stopped container', async () => {
    const text = await failure({ id: stopped.name, cmd: ['true'] });
    expect(text).toMatch(/is not running \(created\): a command runs only in a running container/);
    expect(text).toContain('start it first (container_start)');
  });

  it('a paused container', async () => {
    const text = await failure({ id: paused.name, cmd: ['true'] });
    expect(text).toMatch(/is paused/);
    expect(text).toContain('container_unpause');
  });

  it('an empty command', async () => {
    expect(await failure({ cmd: [] })).toMatch(/cmd: is empty: give the command and its arguments/);
    expect(await failure({ cmd: [''] })).toMatch(/cmd\[0\]: the command name is empty/);
  });

  it("a missing binary: the engine's message and the next step", async () => {
    const text = await failure({ cmd: ['no-such-binary', '--flag'] });
    expect(text).toMatch(/^Could not start \["no-such-binary","--flag"\] in /);
    expect(text).toContain('executable file not found in $PATH');
    expect(text).toMatch(/the command never ran/);
    expect(text).toMatch(
      /Next: "no-such-binary" is not in the container .* a shell command needs \["sh", "-c", "..."\]/,
    );
  });

  it('a working directory that does not exist', async () => {
    const text = await failure({ cmd: ['pwd'], workdir: '/no/such/dir' });
    expect(text).toContain('/no/such/dir');
    expect(text).toContain('Next: The working directory does not exist in the container');
  });

  it('a missing container', async () => {
    const text = await failure({ id: 'cmcp-no-such-container', cmd: ['true'] });
    expect(text).toContain('No such container: cmcp-no-such-container');
  });
});

describe('cancellation', () => {
  it('closes the connection at once: the process sees end-of-file, and the server keeps serving', async () => {
    const cancel = new AbortController();
    const pending = session.client.callTool(
      {
        name: 'container_exec',
        arguments: {
          id: idle.name,
          cmd: ['sh', '-c', 'touch /tmp/started; cat >/dev/null; touch /tmp/closed'],
          keep_stdin_open: true,
          timeout_s: 600,
        },
      },
      undefined,
      { signal: cancel.signal, timeout: 600_000 },
    );
    await eventually(async () => (await engineStat(idle.id, '/tmp/started')) !== undefined);
    expect(await engineStat(idle.id, '/tmp/closed')).toBeUndefined();
    cancel.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    // stdin stays open until the connection closes: only then does cat end.
    await eventually(async () => (await engineStat(idle.id, '/tmp/closed')) !== undefined);
    const after = await exec({ cmd: ['echo', 'still serving'] });
    expect(after.data.output).toBe('still serving');
    expect(session.stderr()).not.toMatch(/container_exec failed/);
  });
});

describe('policy', () => {
  const names = async (args: string[]) => {
    const listing = await startServer({ args });
    try {
      return (await listing.client.listTools()).tools;
    } finally {
      await listing.close();
    }
  };

  it('is not offered under --read-only, --no-destructive or --deny-tools; --tools can name it', async () => {
    const [readOnly, noDestructive, denied, only] = await Promise.all([
      names(['--read-only']),
      names(['--no-destructive']),
      names(['--deny-tools', 'container_exec']),
      names(['--tools', 'container_exec,container_list']),
    ]);
    for (const tools of [readOnly, noDestructive, denied])
      expect(tools.map((tool) => tool.name)).not.toContain('container_exec');
    expect(only.map((tool) => tool.name)).toEqual(['container_list', 'container_exec']);
  });

  it('offers privileged only with --allow-privileged, and then the engine gets it', async () => {
    const [plain, allowed] = await Promise.all([names([]), names(['--allow-privileged'])]);
    const props = (tools: typeof plain) =>
      Object.keys(
        tools.find((tool) => tool.name === 'container_exec')?.inputSchema.properties ?? {},
      );
    expect(props(plain)).not.toContain('privileged');
    expect(props(allowed)).toContain('privileged');

    const refused = await failure({ cmd: ['id'], privileged: true });
    expect(refused).toMatch(
      /privileged: not offered by this server: .* which needs --allow-privileged/,
    );

    // The capabilities the command gets: every one, or the engine's host refusing them (a
    // sandboxed dockerd cannot grant them all); never the default set.
    const capabilities = ['sh', '-c', 'grep CapEff /proc/self/status'];
    const normal = await exec({ cmd: capabilities }, privileged);
    const full = await call(privileged, 'container_exec', {
      id: idle.name,
      cmd: capabilities,
      privileged: true,
    });
    if (full.isError) {
      expect(textOf(full)).toMatch(/unable to apply caps/);
      expect(textOf(full)).toContain('run without privileged');
    } else {
      const data = dataOf<ExecData>(full);
      expect(data.output).not.toBe(normal.data.output);
      expect((await engineExec(data.exec_id)).ProcessConfig.privileged).toBe(true);
    }
    expect((await engineExec(normal.data.exec_id)).ProcessConfig.privileged).toBe(false);
  });

  it('previews privileged first, and binary input as the caller gave it', async () => {
    const engine = new Engine(resolveEngineAddress());
    try {
      const binary = Buffer.from([0xff, 0x00, 0x41]).toString('base64');
      const { summary } = await previewOf(
        containerExec,
        { id: idle.id, cmd: ['sh'], privileged: true, input: binary, input_encoding: 'base64' },
        engine,
      );
      const lines = summary.split('\n');
      expect(lines[1]).toMatch(/^PRIVILEGED: with every capability and device of the host/);
      expect(lines[2]).toBe('command: ["sh"]');
      expect(summary).toContain(
        `stdin: 3 bytes of binary data, base64 "${binary}", then end of file`,
      );
    } finally {
      await engine.close();
    }
  });

  it('is guarded under --confirm write: the preview shows what runs, escaped, and nothing runs before the token', async () => {
    const args = {
      id: idle.name,
      cmd: ['sh', '-c', 'touch /tmp/confirmed\n#\u202eevil'],
      user: 'root',
      workdir: '/tmp',
      env: ['DB_PASSWORD=hunter2'],
    };
    const first = await call(guarded, 'container_exec', args);
    expect(first.isError).toBe(true);
    const preview = (first.structuredContent as { preview: string; token: string }).preview;
    expect(preview).toContain(`Run a command in ${idle.name}`);
    expect(preview).toContain('command: ["sh","-c","touch /tmp/confirmed\\n#\\u202eevil"]');
    expect(preview).toContain('user: "root"');
    expect(preview).toContain('working directory: "/tmp"');
    expect(preview).not.toMatch(/[\n]#|\u202e/);
    expect(await engineStat(idle.id, '/tmp/confirmed')).toBeUndefined();

    const token = (first.structuredContent as { token: string }).token;
    const second = await call(guarded, 'container_exec', { ...args, confirm: token });
    expect(second.isError, textOf(second)).toBeFalsy();
    expect(await engineStat(idle.id, '/tmp/confirmed')).toBeDefined();

    const logged = readFileSync(auditLog, 'utf8')
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { tool: string; confirmation: string; arguments: { env: string[] } },
      );
    expect(logged.map((entry) => [entry.tool, entry.confirmation])).toEqual([
      ['container_exec', 'refused'],
      ['container_exec', 'token'],
    ]);
    expect(logged[1]?.arguments.env).toEqual(['DB_PASSWORD=***']);
  });
});

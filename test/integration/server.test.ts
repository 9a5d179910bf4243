/** The server process itself: stdio hygiene, flags, lifecycle and an unreachable engine. */
import { spawn } from 'node:child_process';
import { createConnection, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { engineSocket } from '../helpers/docker.js';
import { freshSocketPath } from '../helpers/fake-engine.js';
import {
  call,
  CLI,
  INITIALIZE_MESSAGE,
  runCli,
  startServer,
  textOf,
  type Session,
} from '../helpers/mcp.js';

let session: Session | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  await session?.close();
  proxy?.close();
  session = proxy = undefined;
});

describe('the command line', () => {
  it('documents every flag in --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--host',
      '--context',
      '--api-version',
      '--timeout',
      '--idle-timeout',
      '--log-level',
      '--max-file-bytes',
      '--export-dir',
      '--version',
    ])
      expect(stdout).toContain(flag);
  });

  it('prints the version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses an unknown flag with a suggestion and exit code 2', async () => {
    const { code, stdout, stderr } = await runCli(['--hots', 'x']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown flag --hots (did you mean "--host"?)');
  });

  it('refuses a bad --max-file-bytes or --export-dir at start-up', async () => {
    const huge = await runCli(['--max-file-bytes', '64MiB']);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain('--max-file-bytes "64MiB" is over 7MiB');
    const word = await runCli(['--max-file-bytes', 'lots']);
    expect(word.stderr).toContain('is not a size');
    const dir = await runCli(['--export-dir', '/no/such/dir']);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain('--export-dir "/no/such/dir" does not exist');
  });

  it('refuses a bad engine address at start-up, naming where it came from', async () => {
    const { code, stderr } = await runCli(['--host', 'ftp://x']);
    expect(code).toBe(2);
    expect(stderr).toContain('--host: unsupported scheme "ftp://"');
  });
});

describe('stdio', () => {
  it('writes nothing but JSON-RPC messages to stdout, and exits 0 when stdin closes', async () => {
    const messages = [
      INITIALIZE_MESSAGE,
      'a line of junk, answered with a parse error',
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      {
        jsonrpc: '2.0',
        id: 3,
        method: 'tools/call',
        params: { name: 'container_list', arguments: { all: true, limit: 1 } },
      },
      {
        jsonrpc: '2.0',
        id: 4,
        method: 'tools/call',
        params: { name: 'container_inspect', arguments: { id: 'no-such-container-x' } },
      },
      {
        jsonrpc: '2.0',
        id: 5,
        method: 'tools/call',
        params: { name: 'no_such_tool', arguments: {} },
      },
    ];
    const child = spawn(process.execPath, [CLI, '--log-level', 'debug'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    for (const message of messages)
      child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
    // Wait for the five answers and the parse error, then close stdin as a client would.
    const deadline = Date.now() + 20_000;
    while (stdout.split('\n').filter(Boolean).length < 6 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    const [parseError] = lines.filter((line) => line.includes('"code":-32700'));
    expect(JSON.parse(parseError ?? '{}')).not.toHaveProperty('id');
    const answers = lines
      .filter((line) => line !== parseError)
      .map(
        (line) =>
          JSON.parse(line) as {
            id: number;
            result: { isError?: boolean; content: { text: string }[] };
          },
      );
    expect(answers.map((a) => a.id).sort()).toEqual([1, 2, 3, 4, 5]);
    const unknown = answers.find((a) => a.id === 5)!;
    expect(unknown.result.isError).toBe(true);
    expect(unknown.result.content[0]?.text).toContain('Unknown tool "no_such_tool"');
    expect(code).toBe(0);
  });
});

describe('an unreachable engine', () => {
  it('names the address tried, keeps serving, and works once the engine is back', async () => {
    const socketPath = freshSocketPath();
    session = await startServer({ env: { DOCKER_HOST: `unix://${socketPath}` } });
    const down = await call(session, 'container_list', { all: true, limit: 1 });
    expect(down.isError).toBe(true);
    expect(textOf(down)).toContain(
      `cannot reach the Docker engine at unix://${socketPath} (ENOENT: no socket at that path: is Docker running?)`,
    );
    expect(textOf(down)).toContain('The server is still running');

    const tools = await session.client.listTools();
    expect(tools.tools.length).toBeGreaterThan(0);

    // The engine "comes back": a socket at that path forwarding to the real engine.
    const realSocket = engineSocket();
    proxy = createServer((client) => {
      const upstream = createConnection(realSocket);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy!.listen(socketPath, resolve));
    const up = await call(session, 'container_list', { all: true, limit: 1 });
    expect(up.isError).toBeFalsy();
  });

  it('reports the unix socket given in DOCKER_HOST=unix:///nowhere.sock', async () => {
    session = await startServer({ env: { DOCKER_HOST: 'unix:///nowhere.sock' } });
    const result = await call(session, 'container_inspect', { id: 'web' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('unix:///nowhere.sock');
    const again = await call(session, 'container_list', {});
    expect(textOf(again)).toContain('unix:///nowhere.sock');
  });
});

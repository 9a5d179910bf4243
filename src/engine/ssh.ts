/**
 * ssh:// engines, reached as the Docker CLI reaches them: one `ssh ... docker system
 * dial-stdio` child per connection, its stdin/stdout being the HTTP connection. The user's
 * ssh config and agent apply; BatchMode keeps ssh from ever prompting (our stdin may be the
 * MCP protocol), and ssh's stderr becomes the error message when the child fails.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Duplex } from 'node:stream';
import type { Pool } from 'undici';
import { EngineError } from './errors.js';
import type { EngineAddress } from './address.js';

export type SshAddress = Extract<EngineAddress, { kind: 'ssh' }>;
/** undici's connector function: connection options, then a node-style callback. */
export type Connector = Extract<
  NonNullable<Pool.Options['connect']>,
  (...args: never[]) => unknown
>;

/** Overrides the ssh command, like GIT_SSH_COMMAND (split on whitespace, no shell). */
export const SSH_COMMAND_ENV = 'CONTAINER_MCP_SSH_COMMAND';
const STDERR_CAP = 4096;

export interface SshOptions {
  env?: NodeJS.ProcessEnv;
  /** ssh's ConnectTimeout, in seconds. */
  connectTimeoutSeconds?: number;
}

/** The ssh command line for an address: program and arguments. */
export function sshCommand(address: SshAddress, options: SshOptions = {}): string[] {
  const env = options.env ?? process.env;
  const base = env[SSH_COMMAND_ENV]?.trim().split(/\s+/).filter(Boolean) ?? [];
  const command = base.length > 0 ? base : ['ssh'];
  return [
    ...command,
    '-o',
    `ConnectTimeout=${options.connectTimeoutSeconds ?? 30}`,
    '-o',
    'BatchMode=yes',
    '-T',
    ...(address.port !== undefined ? ['-p', String(address.port)] : []),
    ...(address.user !== undefined ? ['-l', address.user] : []),
    '--',
    address.host,
    'docker',
    'system',
    'dial-stdio',
  ];
}

/** An undici `connect` function that opens each connection through a new ssh child. */
export function sshConnector(address: SshAddress, options: SshOptions = {}): Connector {
  const [program = 'ssh', ...args] = sshCommand(address, options);
  return (_options, callback) => {
    const child = spawn(program, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    // Answer undici only once the child exists: a synchronous answer would land inside
    // undici's own resume loop, and the request would never be written.
    const failed = (error: NodeJS.ErrnoException): void =>
      callback(spawnError(error, program, address.url), null);
    child.once('error', failed);
    child.once('spawn', () => {
      child.off('error', failed);
      callback(null, new SshStream(child, address.url) as unknown as never);
    });
  };
}

function spawnError(error: NodeJS.ErrnoException, program: string, url: string): EngineError {
  const message =
    error.code === 'ENOENT'
      ? `"${program}" was not found: install the OpenSSH client (apt-get install openssh-client) or set ${SSH_COMMAND_ENV}`
      : `could not run ${program}: ${error.message}`;
  return new EngineError('unavailable', `cannot reach the Docker engine at ${url}: ${message}`, {
    address: url,
    cause: error,
  });
}

/**
 * The child's stdout (read side) and stdin (write side) as one stream. The end of stdout is
 * held back until the child exits, so a failing ssh surfaces as an error carrying its
 * stderr rather than as a bare "other side closed".
 */
class SshStream extends Duplex {
  private stderr = '';
  private stdoutEnded = false;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private childClosed = false;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly url: string,
  ) {
    super();
    child.stdout.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) child.stdout.pause();
    });
    child.stdout.on('end', () => {
      this.stdoutEnded = true;
      this.settle();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < STDERR_CAP) this.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined); // a dead child: reported through 'exit'
    child.on('error', (error) => this.destroy(error));
    child.once('close', () => (this.childClosed = true));
    child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      this.settle();
    });
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    this.child.stdin.write(chunk, (error) => {
      if (!error) return done();
      // ssh that could not connect exits before the request is written (EPIPE): once its
      // stderr is read, its own reason is the error, not the broken pipe.
      this.afterClose(() => done(this.exit?.code === 0 ? error : this.exitError()));
    });
  }

  /** Run once the child has exited and its output streams are closed. */
  private afterClose(then: () => void): void {
    if (this.childClosed) then();
    else this.child.once('close', then);
  }

  override _final(done: () => void): void {
    this.child.stdin.end(done);
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    if (this.exit === undefined) this.child.kill();
    done(error);
  }

  // undici keeps a connection from holding the process open through these.
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }

  private settle(): void {
    if (!this.stdoutEnded || this.exit === undefined || this.destroyed) return;
    if (this.exit.code === 0) this.push(null);
    else this.destroy(this.exitError());
  }

  private exitError(): EngineError {
    const said = this.stderr.trim().replace(/\s+/g, ' ');
    const { code, signal } = this.exit ?? { code: null, signal: null };
    const how = code === null ? `was killed (${signal ?? 'signal'})` : `exited with ${code}`;
    const hint =
      code === 127 || /command not found|not found/i.test(said)
        ? ': is the docker CLI installed and on the PATH of the remote user?'
        : /permission denied|host key verification failed|authenticity/i.test(said)
          ? ': check the ssh key (ssh-agent or IdentityFile) and the host key in known_hosts; this server never prompts'
          : '';
    return new EngineError(
      'unavailable',
      `cannot reach the Docker engine at ${this.url}: ssh ${how}${said ? `: ${said}` : ''}${hint}`,
      { address: this.url },
    );
  }
}

/**
 * The connector for an ssh:// engine: the given one (tests), else one ssh child per
 * connection as the Docker CLI does; undici, or an attach session, destroys the stream (and
 * so kills the child) when the connection closes.
 */
export function sshConnectorFor(
  address: SshAddress,
  override?: Pool.Options['connect'],
): Connector {
  return typeof override === 'function' ? override : sshConnector(address);
}

/**
 * The built server over Streamable HTTP, spawned as an operator would run it, and the ways
 * tests talk to it: the SDK's StreamableHTTPClientTransport (a real client) and raw HTTP
 * (for the status codes and headers a client library would hide).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { connectHttpClient, type Era, type TestClient } from './clients.js';
import { CLI, INITIALIZE_MESSAGE } from './mcp.js';

export interface HttpServer {
  /** The /mcp URL the server printed. */
  url: string;
  token: string;
  child: ChildProcess;
  stderr: () => string;
  /** Whatever reached stdout: nothing, ever, in HTTP mode. */
  stdout: () => string;
  /** Send a signal and wait for the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export interface HttpStartOptions {
  args?: string[];
  env?: Record<string, string>;
}

export const newToken = (): string => randomBytes(24).toString('hex');

/**
 * Listen on 127.0.0.1, port 0, with a token given through CONTAINER_MCP_TOKEN unless the
 * options pass one some other way.
 */
export async function startHttpServer(options: HttpStartOptions = {}): Promise<HttpServer> {
  const token = newToken();
  const child = spawn(
    process.execPath,
    [CLI, '--http', '127.0.0.1:0', '--log-level', 'debug', ...(options.args ?? [])],
    {
      env: {
        ...process.env,
        CONTAINER_MCP_CHECK_OUTPUT: '1',
        CONTAINER_MCP_TOKEN: token,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (): void => {
      const match = /serving MCP over Streamable HTTP at (\S+)/.exec(stderr);
      if (match?.[1]) {
        child.stderr.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stderr.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening:\n${stderr}`)),
    );
  });
  return {
    url,
    token: options.env?.CONTAINER_MCP_TOKEN ?? token,
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface ConnectOptions {
  token?: string;
  fetch?: typeof fetch;
  era?: Era;
  capabilities?: Record<string, unknown>;
}

/** A real MCP client over Streamable HTTP (either era: ./clients.ts). */
export function connect(server: HttpServer, options: ConnectOptions = {}): Promise<TestClient> {
  const { token, ...rest } = options;
  return connectHttpClient(server.url, token ?? server.token, rest);
}

/** A 2025-era client with a session (Mcp-Session-Id): the tests of sessions use it. */
export async function connectSession(
  server: HttpServer,
  options: Omit<ConnectOptions, 'era'> = {},
): Promise<LegacyClient> {
  return (await connect(server, { ...options, era: 'legacy' })) as unknown as LegacyClient;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One HTTP request with exactly these headers (fetch would not let a test set Host). */
export function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'POST', headers: options.headers },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export const INITIALIZE = JSON.stringify(INITIALIZE_MESSAGE);

/** The headers a Streamable HTTP POST needs, plus the bearer token. */
export function mcpHeaders(
  token: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: `Bearer ${token}`,
    ...extra,
  };
}

/** /healthz with the token: the open session count, for "nothing else happened" checks. */
export async function openSessions(server: HttpServer): Promise<number> {
  const answer = await raw(server.url.replace(/\/mcp$/, '/healthz'), {
    method: 'GET',
    headers: { authorization: `Bearer ${server.token}` },
  });
  return (JSON.parse(answer.text) as { sessions: number }).sessions;
}

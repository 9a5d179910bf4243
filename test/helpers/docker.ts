/**
 * Direct access to the test engine, independent of the code under test: plain node:http
 * over the socket. Tests use it to set up containers and to check the engine's real state
 * after a tool call.
 */
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';

export const TEST_IMAGE = process.env.CONTAINER_MCP_TEST_IMAGE ?? 'busybox:local';
/** Every container a test run makes carries this label, so cleanup finds exactly those. */
export const TEST_LABEL = 'container-mcp.test';
export const RUN_ID = process.env.CONTAINER_MCP_TEST_RUN ?? randomUUID().slice(0, 8);

function socketPath(): string {
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  if (!host.startsWith('unix://'))
    throw new Error(`tests need a unix socket engine; DOCKER_HOST=${host}`);
  return host.slice('unix://'.length);
}

export interface DockerAnswer<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  raw: Buffer;
}

/** One API call (version 1.41, what every supported engine speaks). */
export function docker<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<DockerAnswer<T>> {
  return new Promise((resolve, reject) => {
    const payload =
      body === undefined
        ? undefined
        : Buffer.isBuffer(body)
          ? body
          : Buffer.from(JSON.stringify(body));
    const req = request(
      {
        socketPath: socketPath(),
        method,
        path: `/v1.41${path}`,
        headers: {
          ...(payload && {
            'content-type': Buffer.isBuffer(body) ? 'application/x-tar' : 'application/json',
            'content-length': payload.length,
          }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          let parsed: unknown = raw.toString('utf8');
          try {
            parsed = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed as T, raw });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface CreateOptions {
  name?: string;
  cmd?: string[];
  tty?: boolean;
  openStdin?: boolean;
  labels?: Record<string, string>;
  env?: string[];
  start?: boolean;
  hostConfig?: Record<string, unknown>;
}

/**
 * Test files run in parallel, each with its own copy of this module: this token keeps their
 * container names apart, and labels each file's containers so that a file's cleanup (and
 * its label-filtered listings) never touch another file's.
 */
export const FILE_ID = randomUUID().slice(0, 8);
export const FILE_LABEL = 'container-mcp.test.file';
/** The label filter matching exactly this file's containers. */
export const fileLabel = `${FILE_LABEL}=${FILE_ID}`;

/** A unique container name for this run: "cmcp-<run>-<what>-<file>-<n>". */
let counter = 0;
export function uniqueName(what: string): string {
  counter += 1;
  return `cmcp-${RUN_ID}-${what}-${FILE_ID.slice(0, 4)}-${counter}`;
}

export interface TestContainer {
  id: string;
  name: string;
}

export async function createContainer(options: CreateOptions = {}): Promise<TestContainer> {
  const name = options.name ?? uniqueName('c');
  const created = await docker<{ Id: string; message?: string }>(
    'POST',
    `/containers/create?name=${encodeURIComponent(name)}`,
    {
      Image: TEST_IMAGE,
      Cmd: options.cmd ?? ['sleep', '3600'],
      Tty: options.tty ?? false,
      OpenStdin: options.openStdin ?? false,
      Env: options.env ?? [],
      Labels: { [TEST_LABEL]: RUN_ID, [FILE_LABEL]: FILE_ID, ...options.labels },
      HostConfig: { NetworkMode: 'none', ...options.hostConfig },
    },
  );
  if (created.status !== 201)
    throw new Error(`create ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  if (options.start ?? true) {
    const started = await docker('POST', `/containers/${created.body.Id}/start`);
    if (started.status !== 204)
      throw new Error(`start ${name}: ${started.status} ${JSON.stringify(started.body)}`);
  }
  return { id: created.body.Id, name };
}

export interface InspectState {
  Id: string;
  Name: string;
  State: { Status: string; Running: boolean; Paused: boolean; ExitCode: number; Pid: number };
  Config: { Labels: Record<string, string> | null; Tty: boolean; Env: string[] | null };
  HostConfig: Record<string, unknown>;
}

export async function inspect(id: string): Promise<InspectState | undefined> {
  const answer = await docker<InspectState>('GET', `/containers/${encodeURIComponent(id)}/json`);
  return answer.status === 404 ? undefined : answer.body;
}

/** Remove the containers this test file made ('run': the whole run's; 'all': any run's). */
export async function removeTestContainers(scope: 'file' | 'run' | 'all' = 'file'): Promise<void> {
  const label = { file: fileLabel, run: `${TEST_LABEL}=${RUN_ID}`, all: TEST_LABEL }[scope];
  const filters = JSON.stringify({ label: [label] });
  const list = await docker<{ Id: string }[]>(
    'GET',
    `/containers/json?all=1&filters=${encodeURIComponent(filters)}`,
  );
  await Promise.all(list.body.map((c) => docker('DELETE', `/containers/${c.Id}?force=1&v=1`)));
}

/** Poll until `check` passes or the deadline passes (engine state changes are asynchronous). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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
/**
 * Test files run in parallel within one run: each file (each instance of this module) tags
 * its containers too, so its names never collide with another file's and its cleanup never
 * removes another file's containers mid-test.
 */
export const TEST_FILE_LABEL = 'container-mcp.test.file';
const FILE_TAG = randomUUID().slice(0, 6);
/** The label filter that selects exactly this file's containers: "key=value". */
export const FILE_LABEL = `${TEST_FILE_LABEL}=${FILE_TAG}`;

/** The labels every container a test makes must carry (spread them into Labels). */
export function testLabels(): Record<string, string> {
  return { [TEST_LABEL]: RUN_ID, [TEST_FILE_LABEL]: FILE_TAG };
}

/**
 * The engine under test: DOCKER_HOST, which the global setup sets to the engine the server
 * itself would resolve when it is not given (./global-setup.ts). Every test reaches that
 * engine and no other: helpers, spawned servers, the ssh and several-engine tests.
 */
export function engineUnderTest(): string {
  const host = process.env.DOCKER_HOST;
  if (host === undefined || host === '')
    throw new Error('DOCKER_HOST is not set: the global setup names the engine under test');
  return host;
}

/** The engine under test's socket path (the helpers speak to unix sockets only). */
export function engineSocket(): string {
  const host = engineUnderTest();
  if (!host.startsWith('unix://'))
    throw new Error(`the tests need an engine on a unix socket; DOCKER_HOST=${host}`);
  return host.slice('unix://'.length);
}

export interface DockerAnswer<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  raw: Buffer;
}

/**
 * One API call (version 1.41, what every supported engine speaks), unless the path names its
 * own version ("/v1.45/containers/x/json": engines shape some answers by the version asked).
 */
export function docker<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<DockerAnswer<T>> {
  return dockerAt<T>(engineSocket(), method, path, body, headers);
}

/** One API call to the engine on another socket (Podman's service, for instance). */
export function dockerAt<T = unknown>(
  socket: string,
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
        socketPath: socket,
        method,
        path: /^\/v\d+\.\d+\//.test(path) ? path : `/v1.41${path}`,
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

/** The engine's own API version (what the server negotiates down to). */
export async function engineApiVersion(): Promise<string> {
  return (await docker<{ ApiVersion: string }>('GET', '/version')).body.ApiVersion;
}

export interface CreateOptions {
  name?: string;
  cmd?: string[];
  tty?: boolean;
  openStdin?: boolean;
  /** Close the container's stdin when the attached client detaches (its EOF reaches the process). */
  stdinOnce?: boolean;
  labels?: Record<string, string>;
  env?: string[];
  /** The container's user ("1000:1000"); the image's when left out. */
  user?: string;
  start?: boolean;
  hostConfig?: Record<string, unknown>;
  /** Default: the test image. */
  image?: string;
  /** More of the create body (Healthcheck, StopSignal, ...). */
  config?: Record<string, unknown>;
}

/** A unique container name for this run and file: "cmcp-<run>-<file>-<what>-<n>". */
let counter = 0;
export function uniqueName(what: string): string {
  counter += 1;
  return `cmcp-${RUN_ID}-${FILE_TAG}-${what}-${counter}`;
}

export interface TestContainer {
  id: string;
  name: string;
}

/**
 * Whether the test engine is Podman's Docker-compatible service (the tests assert its known
 * differences). Asked once per file.
 */
let podman: Promise<boolean> | undefined;
export function isPodman(): Promise<boolean> {
  podman ??= docker('GET', '/_ping').then(
    (answer) => answer.headers['libpod-api-version'] !== undefined,
  );
  return podman;
}

/**
 * Podman sets a container's open-file and process limits to the host's maximum by default,
 * which a sandboxed VM refuses ("error setting rlimit"): give it limits any host allows.
 */
export const PODMAN_ULIMITS = [
  { Name: 'nofile', Soft: 1024, Hard: 1024 },
  { Name: 'nproc', Soft: 4096, Hard: 4096 },
];

/** The HostConfig every test container starts from: no network, and Podman's ulimits. */
export async function testHostConfig(): Promise<Record<string, unknown>> {
  return { NetworkMode: 'none', ...((await isPodman()) && { Ulimits: PODMAN_ULIMITS }) };
}

export async function createContainer(options: CreateOptions = {}): Promise<TestContainer> {
  const name = options.name ?? uniqueName('c');
  const created = await docker<{ Id: string; message?: string }>(
    'POST',
    `/containers/create?name=${encodeURIComponent(name)}`,
    {
      Image: options.image ?? TEST_IMAGE,
      Cmd: options.cmd ?? ['sleep', '3600'],
      Tty: options.tty ?? false,
      OpenStdin: options.openStdin ?? false,
      StdinOnce: options.stdinOnce ?? false,
      Env: options.env ?? [],
      ...(options.user !== undefined && { User: options.user }),
      Labels: { ...testLabels(), ...options.labels },
      HostConfig: { ...(await testHostConfig()), ...options.hostConfig },
      ...options.config,
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
  Mounts: { Type: string; Name?: string; Destination: string }[];
}

export async function inspect(id: string): Promise<InspectState | undefined> {
  const answer = await docker<InspectState>('GET', `/containers/${encodeURIComponent(id)}/json`);
  return answer.status === 404 ? undefined : answer.body;
}

/**
 * Remove the containers this test file made; `run` for everything this run made (the global
 * teardown), `all` for any test run's.
 */
export async function removeTestContainers(scope: 'file' | 'run' | 'all' = 'file'): Promise<void> {
  const label = {
    file: FILE_LABEL,
    run: `${TEST_LABEL}=${RUN_ID}`,
    all: TEST_LABEL,
  }[scope];
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

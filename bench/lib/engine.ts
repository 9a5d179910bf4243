/** Direct engine access for baselines and setup: keep-alive HTTP to the socket, no server. */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';

import { resolveEngineAddress } from '../../src/engine/resolve.js';

// As in the tests: DOCKER_HOST, else the engine the server itself would resolve, named in
// DOCKER_HOST for every helper and spawned server.
process.env.DOCKER_HOST ??= resolveEngineAddress().url;
export const SOCKET = process.env.DOCKER_HOST.replace(/^unix:\/\//, '');
export const TEST_IMAGE = process.env.CONTAINER_MCP_TEST_IMAGE ?? 'busybox:local';
/**
 * The label's value is the run, and names carry it as a suffix: other people's bench runs
 * share the engine, and must neither remove this run's containers nor lose theirs to it.
 * (The key is not the older "container-mcp.bench", which harnesses still sweep whole.)
 */
export const BENCH_LABEL = 'container-mcp.bench.run';
export const BENCH_RUN = randomUUID().slice(0, 8);

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export function engineCall(
  method: string,
  path: string,
  body?: unknown,
  /** A keep-alive agent of the caller's own, e.g. one as wide as a figure's concurrency. */
  via: Agent = agent,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(
      {
        socketPath: SOCKET,
        agent: via,
        method,
        path: `/v1.41${path}`,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': payload.length }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A container for a figure ("<what>-<run>"): labelled with this run for cleanup, no network. */
export async function benchContainer(what: string, cmd: string[], start = true): Promise<string> {
  const name = `${what}-${BENCH_RUN}`;
  const created = await engineCall('POST', `/containers/create?name=${name}`, {
    Image: TEST_IMAGE,
    Cmd: cmd,
    Labels: { [BENCH_LABEL]: BENCH_RUN },
    HostConfig: { NetworkMode: 'none' },
  });
  if (created.status !== 201)
    throw new Error(`create ${name}: ${created.status} ${created.body.toString()}`);
  const { Id } = JSON.parse(created.body.toString()) as { Id: string };
  if (start) await engineCall('POST', `/containers/${Id}/start`);
  return Id;
}

/** Remove this run's containers, and only those. */
export async function removeBenchContainers(): Promise<void> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${BENCH_LABEL}=${BENCH_RUN}`] }));
  const list = await engineCall('GET', `/containers/json?all=1&filters=${filters}`);
  const containers = JSON.parse(list.body.toString()) as { Id: string }[];
  await Promise.all(containers.map((c) => engineCall('DELETE', `/containers/${c.Id}?force=1`)));
}

export async function engineVersion(): Promise<string> {
  const answer = await engineCall('GET', '/version');
  const version = JSON.parse(answer.body.toString()) as {
    Version: string;
    ApiVersion: string;
    Os: string;
  };
  return `${version.Version} (API ${version.ApiVersion}, ${version.Os})`;
}

/**
 * The docker CLI as a user runs it against this engine, its output thrown away: the
 * baseline of many figures. Resolves when it exits 0; the error keeps the end of its stderr
 * (for `docker logs`, stderr is also the container's, so only a tail is held).
 */
export function dockerCli(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, {
      env: { ...process.env, DOCKER_API_VERSION: '1.41' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`docker ${args.join(' ')}: ${stderr.trim()}`)),
    );
  });
}

export function closeEngineAgent(): void {
  agent.destroy();
}

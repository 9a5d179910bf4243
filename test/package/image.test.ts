/**
 * The image: the Dockerfile built through the engine on a base made from this machine's Node
 * (no registry is reachable: test/helpers/node-base.ts), its context the unpacked npm tarball,
 * so the image holds what the package publishes. Run as a client runs it (`docker run -i
 * --rm`, the engine's socket mounted, its group added, no network): tools/list and a
 * container_list that finds the server's own container. Over HTTP on 0.0.0.0: refused without
 * a token, and with one the token rules hold.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { createGunzip } from 'node:zlib';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { extract, pack as tarPack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLS } from '../../src/tools/index.js';
import { AttachTransport } from '../helpers/attach-transport.js';
import {
  docker,
  engineSocket,
  RUN_ID,
  removeTestContainers,
  testHostConfig,
  testLabels,
  uniqueName,
} from '../helpers/docker.js';
import { nodeBaseImage } from '../helpers/node-base.js';
import { pack, ROOT, scratch } from '../helpers/package.js';
import { listedNames } from '../helpers/rows.js';

const IMAGE = `container-mcp-test:${RUN_ID}`;
const SOCKET_IN_IMAGE = '/var/run/docker.sock';
const linux = process.platform === 'linux';
const work = scratch('image');

if (!linux && process.env.CI) throw new Error('the image test runs on Linux, as CI does');

/** The unpacked npm tarball (its `package/` folder) plus the Dockerfile, as a build context. */
async function buildContext(tarball: string): Promise<Buffer> {
  const out = tarPack();
  const collected = buffer(out);
  const input = extract();
  createReadStream(tarball).pipe(createGunzip()).pipe(input);
  for await (const entry of input) {
    const name = entry.header.name.replace(/^package\//, '');
    out.entry({ name, mode: entry.header.mode ?? 0o644 }, await buffer(entry));
  }
  out.entry({ name: 'Dockerfile' }, readFileSync(join(ROOT, 'Dockerfile')));
  out.finalize();
  return collected;
}

/** The engine's build output: JSON lines; an `error` line is a failed build. */
async function buildImage(base: string, context: Buffer): Promise<void> {
  const query = new URLSearchParams({
    t: IMAGE,
    buildargs: JSON.stringify({ BASE: base }),
    rm: '1',
    forcerm: '1',
  });
  const built = await docker('POST', `/build?${query.toString()}`, context);
  const output = built.raw.toString();
  if (built.status !== 200 || /"error(Detail)?"/.test(output))
    throw new Error(`build of ${IMAGE}: ${built.status} ${output}`);
}

async function createServer(options: { cmd?: string[]; env?: string[] } = {}): Promise<string> {
  const { gid } = statSync(engineSocket());
  const created = await docker<{ Id: string }>(
    'POST',
    `/containers/create?name=${uniqueName('image')}`,
    {
      Image: IMAGE,
      Cmd: options.cmd ?? [],
      Env: options.env ?? [],
      OpenStdin: true,
      StdinOnce: true,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Labels: testLabels(),
      HostConfig: {
        ...(await testHostConfig()),
        Binds: [`${engineSocket()}:${SOCKET_IN_IMAGE}`],
        GroupAdd: [String(gid)],
      },
    },
  );
  if (created.status !== 201)
    throw new Error(`create: ${created.status} ${created.raw.toString()}`);
  return created.body.Id;
}

/** A command's output inside a running container (exec, non-TTY: frames with 8-byte headers). */
async function execIn(id: string, cmd: string[]): Promise<string> {
  const exec = await docker<{ Id: string }>('POST', `/containers/${id}/exec`, {
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
  });
  const started = await docker('POST', `/exec/${exec.body.Id}/start`, {
    Detach: false,
    Tty: false,
  });
  let raw = started.raw;
  let text = '';
  while (raw.length >= 8) {
    const size = raw.readUInt32BE(4);
    text += raw.subarray(8, 8 + size).toString();
    raw = raw.subarray(8 + size);
  }
  return text;
}

beforeAll(async () => {
  if (!linux) return;
  const [base, packed] = await Promise.all([nodeBaseImage(), pack(work.dir)]);
  await buildImage(base, await buildContext(packed.tarball));
}, 300_000);

afterAll(async () => {
  work.remove();
  if (!linux) return;
  await removeTestContainers();
  await docker('DELETE', `/images/${IMAGE}?force=1`);
});

describe.skipIf(!linux)('the image', () => {
  it('runs as a non-root user, labelled for the MCP Registry', async () => {
    const image = await docker<{
      Size: number;
      Config: { User: string; Labels: Record<string, string> };
    }>('GET', `/images/${IMAGE}/json`);
    expect(image.body.Config.User).toBe('1000:1000');
    expect(image.body.Config.Labels['io.modelcontextprotocol.server.name']).toMatch(/\//);
    const base = await docker<{ Size: number }>('GET', `/images/${await nodeBaseImage()}/json`);
    console.log(
      `image: ${image.body.Size} B (${image.body.Size - base.body.Size} B over the base, ${base.body.Size} B)`,
    );
  });

  it('serves MCP over stdio with the socket mounted: tools/list and container_list', async () => {
    const id = await createServer();
    const transport = new AttachTransport(id);
    const client = new Client({ name: 'docker-run-i', version: '0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(TOOLS.map((tool) => tool.name));
      const listed = (await client.callTool({
        name: 'container_list',
        arguments: { all: true, filters: { id: [id] } },
      })) as CallToolResult;
      expect(listed.isError, transport.stderr).toBeFalsy();
      const own = await docker<{ Name: string }>('GET', `/containers/${id}/json`);
      expect(listedNames(listed)).toEqual([own.body.Name.replace(/^\//, '')]);
    } finally {
      await client.close();
    }
  });

  it('refuses to listen on 0.0.0.0 without a token', async () => {
    const id = await createServer({ cmd: ['--http', '0.0.0.0:8080'] });
    await docker('POST', `/containers/${id}/start`);
    const waited = await docker<{ StatusCode: number }>('POST', `/containers/${id}/wait`);
    expect(waited.body.StatusCode).toBe(2);
    const logs = await docker('GET', `/containers/${id}/logs?stderr=1`);
    expect(logs.raw.toString()).toContain('CONTAINER_MCP_TOKEN');
  });

  it('serves HTTP on 0.0.0.0 with a token, and only to requests that carry it', async () => {
    const token = `t-${RUN_ID}-0123456789abcdef`;
    const id = await createServer({
      cmd: ['--http', '0.0.0.0:8080'],
      env: [`CONTAINER_MCP_TOKEN=${token}`],
    });
    await docker('POST', `/containers/${id}/start`);
    // From inside the container (it has no network but loopback): the server's own answers.
    const probe = `
      const get = (path, headers) => fetch('http://127.0.0.1:8080' + path, { headers })
        .then(async (res) => [res.status, await res.text()]);
      (async () => {
        for (let i = 0; i < 100; i++) {
          try {
            const health = await get('/healthz', { authorization: 'Bearer ${token}' });
            const anonymous = await get('/mcp', {});
            console.log(JSON.stringify({ health, anonymous }));
            return;
          } catch { await new Promise((r) => setTimeout(r, 100)); }
        }
        console.log('no answer');
      })();`;
    const answer = JSON.parse(await execIn(id, ['node', '-e', probe])) as {
      health: [number, string];
      anonymous: [number, string];
    };
    expect(answer.health[0]).toBe(200);
    expect(JSON.parse(answer.health[1])).toMatchObject({ status: 'ok' });
    expect(answer.anonymous[0]).toBe(401);
  });
});

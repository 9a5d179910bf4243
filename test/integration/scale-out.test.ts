/**
 * Three server processes over HTTP behind a real load balancer (nginx, round robin): what a
 * 2026-07-28 client does needs no session and no affinity. Its list, its logs and a kill
 * confirmed by the person succeed with each round landing on another process (they share
 * the bearer token and the confirmation secret; each has its own engine connections); the
 * same request state and answer, replayed, change nothing on any process.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalancer, type Balancer } from '../helpers/balancer.js';
import { connectHttpClient, type TestClient } from '../helpers/clients.js';
import { createContainer, inspect, removeTestContainers } from '../helpers/docker.js';
import { newToken, startHttpServer, type HttpServer } from '../helpers/http.js';
import { modernRequest, roundOf, YES } from '../helpers/modern-wire.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const token = newToken();
const env = {
  CONTAINER_MCP_TOKEN: token,
  CONTAINER_MCP_CONFIRM_SECRET: `scale-out secret ${newToken()}`,
};
let servers: HttpServer[] = [];
let balancer: Balancer;
/** The process that answered each request, in order (nginx's X-Upstream). */
const landed: string[] = [];

const through: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  landed.push(response.headers.get('x-upstream') ?? '?');
  return response;
};

beforeAll(async () => {
  execFileSync(`${root}/scripts/test-balancer.sh`, { stdio: 'inherit' });
  servers = await Promise.all(
    [1, 2, 3].map(() => startHttpServer({ args: ['--confirm', 'destructive'], env })),
  );
  balancer = await startBalancer(servers.map((server) => server.url));
}, 120_000);
afterAll(async () => {
  await balancer?.stop();
  await Promise.all(servers.map((server) => server.stop()));
  await removeTestContainers();
});

const post = async (params: Record<string, unknown>) => {
  const request = modernRequest(balancer.url, 'tools/call', params, {
    authorization: `Bearer ${token}`,
  });
  const response = await through(request);
  return roundOf(response);
};

describe('three processes behind a round-robin balancer', () => {
  it('serves a 2026-07-28 client: list, logs and a confirmed kill, round by round anywhere', async () => {
    const target = await createContainer({ cmd: ['sh', '-c', 'echo scaled; sleep 3600'] });
    const client: TestClient = await connectHttpClient(balancer.url, token, {
      era: 'modern',
      fetch: through,
      capabilities: { elicitation: { form: {} } },
    });
    const asked: string[] = [];
    client.onElicit((message) => {
      asked.push(message);
      return { action: 'accept', content: { confirm: true } };
    });
    try {
      landed.splice(0);
      const list = await client.callTool({ name: 'container_list', arguments: {} });
      expect(list.isError).toBeFalsy();
      const logs = await client.callTool({ name: 'container_logs', arguments: { id: target.id } });
      expect(JSON.stringify(logs.content)).toContain('scaled');
      const before = landed.length;
      const kill = await client.callTool({ name: 'container_kill', arguments: { id: target.id } });
      expect(kill.isError, JSON.stringify(kill.content)).toBeFalsy();
      expect(asked).toHaveLength(1);
      // The question and the answer: two requests, and two different processes.
      const rounds = landed.slice(before);
      expect(rounds).toHaveLength(2);
      expect(rounds[0]).not.toBe(rounds[1]);
      expect(new Set(landed).size).toBe(3);
      expect((await inspect(target.id))?.State.Running).toBe(false);
    } finally {
      await client.close();
    }
  });

  it('a request state and its answer, replayed to another process, change nothing', async () => {
    // The container ignores the signal: the state stays the same, so only the record of used
    // confirmations, shared by the processes, can refuse the replay.
    const target = await createContainer({
      cmd: ['sh', '-c', "trap '' USR1; while true; do sleep 1; done"],
    });
    const call = { name: 'container_kill', arguments: { id: target.id, signal: 'SIGUSR1' } };
    landed.splice(0);
    const question = await post(call);
    expect(question.resultType).toBe('input_required');
    const answer = { ...call, inputResponses: YES, requestState: question.requestState };
    const done = await post(answer);
    expect(done.isError, JSON.stringify(done.content)).toBeFalsy();
    const replayed = await post(answer);
    expect(replayed.isError).toBe(true);
    expect(replayed.content?.[0]?.text).toMatch(/NOT run[\s\S]*already used/);
    expect(new Set(landed).size).toBe(3);
    expect((await inspect(target.id))?.State.Running).toBe(true);
  });
});

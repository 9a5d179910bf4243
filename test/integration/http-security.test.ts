/**
 * The HTTP transport refuses what it must, with the right status, and nothing else
 * happens: no session is created and no engine call is made. The server's engine is a
 * counting proxy in front of the real one, so "no engine call" is observed, not assumed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/docker.js';
import { startEngineProxy, type EngineProxy } from '../helpers/engine-proxy.js';
import {
  connect,
  connectSession,
  INITIALIZE,
  mcpHeaders,
  newToken,
  openSessions,
  raw,
  startHttpServer,
  type HttpServer,
  type RawAnswer,
} from '../helpers/http.js';
import { runCli } from '../helpers/mcp.js';

let engine: EngineProxy;
let server: HttpServer;

beforeAll(async () => {
  engine = await startEngineProxy();
  server = await startHttpServer({
    args: ['--allow-origin', 'https://app.example.com', '--max-body', '0.01'],
    env: { DOCKER_HOST: engine.url },
  });
});
afterAll(async () => {
  await server.stop();
  await engine.close();
});

const TOOLS_CALL = JSON.stringify({
  jsonrpc: '2.0',
  id: 2,
  method: 'tools/call',
  params: { name: 'container_list', arguments: {} },
});

const messageOf = (answer: RawAnswer): string =>
  (JSON.parse(answer.text) as { error: { message: string } }).error.message;

/** Send one request and check that it created no session and reached no engine. */
async function refused(request: Parameters<typeof raw>[1], url = server.url): Promise<RawAnswer> {
  const sessions = await openSessions(server);
  const calls = engine.count();
  const answer = await raw(url, request);
  expect(await openSessions(server)).toBe(sessions);
  expect(engine.count()).toBe(calls);
  return answer;
}

describe('refused requests', () => {
  it('the checks can see an engine call and a session when one happens', async () => {
    const sessions = await openSessions(server);
    const calls = engine.count();
    const client = await connectSession(server);
    await client.callTool({ name: 'container_list', arguments: { limit: 1 } });
    expect(engine.count()).toBeGreaterThan(calls);
    expect(await openSessions(server)).toBe(sessions + 1);
    await client.close();
  });

  it('no token: 401 with a Bearer challenge', async () => {
    const headers = mcpHeaders('x');
    delete headers.authorization;
    const answer = await refused({ headers, body: INITIALIZE });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Bearer realm="container-mcp"');
    expect(answer.text).toContain('send Authorization: Bearer <token>');
  });

  it('a wrong token, or another scheme: 401 invalid_token', async () => {
    for (const authorization of [`Bearer ${newToken()}`, `Basic ${server.token}`, 'Bearer']) {
      const answer = await refused({
        headers: mcpHeaders('', { authorization }),
        body: INITIALIZE,
      });
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe(
        'Bearer realm="container-mcp", error="invalid_token"',
      );
    }
  });

  it('a foreign Origin: 403, even with the right token', async () => {
    for (const origin of ['http://evil.example.com', 'null', `http://127.0.0.1:1`]) {
      const answer = await refused({
        headers: mcpHeaders(server.token, { origin }),
        body: INITIALIZE,
      });
      expect(answer.status).toBe(403);
      expect(messageOf(answer)).toContain(`Origin "${origin}" is not allowed`);
    }
  });

  it('a foreign Host (DNS rebinding): 403, even with the right token', async () => {
    const answer = await refused({
      headers: mcpHeaders(server.token, { host: 'evil.example.com:80' }),
      body: INITIALIZE,
    });
    expect(answer.status).toBe(403);
    expect(messageOf(answer)).toContain('Host "evil.example.com:80" is not a name of this server');
  });

  it('an unknown session id: 404', async () => {
    const answer = await refused({
      headers: mcpHeaders(server.token, { 'mcp-session-id': 'no-such-session' }),
      body: TOOLS_CALL,
    });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: -32001 } });
  });

  it('no session id on anything but initialize: 400', async () => {
    const post = await refused({ headers: mcpHeaders(server.token), body: TOOLS_CALL });
    expect(post.status).toBe(400);
    expect(post.text).toContain('Mcp-Session-Id header is required');
    const get = await refused({ method: 'GET', headers: mcpHeaders(server.token) });
    expect(get.status).toBe(400);
  });

  it('a body over --max-body: 413, declared or streamed', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
      params: { pad: 'x'.repeat(20_000) },
    });
    const declared = await refused({ headers: mcpHeaders(server.token), body: big });
    expect(declared.status).toBe(413);
    expect(declared.text).toContain('capped at 10485 bytes (--max-body)');
    const chunked = await refused({
      headers: mcpHeaders(server.token, { 'transfer-encoding': 'chunked' }),
      body: big,
    });
    expect(chunked.status).toBe(413);
  });

  it('a body that is not JSON: 400 parse error', async () => {
    const answer = await refused({ headers: mcpHeaders(server.token), body: '{"jsonrpc":' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: -32700 } });
  });

  it('another path: 404; another method: 405', async () => {
    const path = await refused({ method: 'GET' }, server.url.replace(/\/mcp$/, '/admin'));
    expect(path.status).toBe(404);
    const put = await refused({ method: 'PUT', headers: mcpHeaders(server.token), body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, POST, DELETE');
  });

  it('/healthz says only "ok" without the token', async () => {
    const answer = await refused({ method: 'GET' }, server.url.replace(/\/mcp$/, '/healthz'));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ status: 'ok' });
  });
});

describe('allowed origins', () => {
  it("accepts the server's own origin and an --allow-origin one, with CORS for the latter", async () => {
    const own = new URL(server.url).origin;
    const ownAnswer = await raw(server.url, {
      headers: mcpHeaders(server.token, { origin: own }),
      body: INITIALIZE,
    });
    expect(ownAnswer.status).toBe(200);
    expect(ownAnswer.headers['access-control-allow-origin']).toBeUndefined();

    const preflight = await refused({
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, mcp-session-id',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(preflight.headers['access-control-allow-headers']).toContain('Mcp-Session-Id');

    const allowed = await raw(server.url, {
      headers: mcpHeaders(server.token, { origin: 'https://app.example.com' }),
      body: INITIALIZE,
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(allowed.headers['access-control-expose-headers']).toContain('Mcp-Session-Id');
  });
});

describe('start-up refusals', () => {
  it('will not listen beyond loopback without a token, and says why', async () => {
    const addresses = ['0.0.0.0:0', '[::]:0', '10.0.0.1:0'];
    const runs = await Promise.all(addresses.map((address) => runCli(['--http', address])));
    for (const { code, stdout, stderr } of runs) {
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('listens beyond this machine');
      expect(stderr).toContain('CONTAINER_MCP_TOKEN');
      expect(stderr).not.toContain('serving MCP');
    }
  });

  it('refuses a weak token, TLS half-given, and HTTP flags without --http', async () => {
    const cases: [string[], Record<string, string>, string][] = [
      [['--http', '0', '--token', 'short'], {}, '--token must be at least 16 printable characters'],
      [
        ['--http', '0'],
        { CONTAINER_MCP_TOKEN: 'has spaces in it ok?' },
        'CONTAINER_MCP_TOKEN must be',
      ],
      [['--http', '0', '--tls-cert', 'c.pem'], {}, '--tls-cert and --tls-key go together'],
      [
        ['--http', '0', '--tls-cert', '/nope/c.pem', '--tls-key', '/nope/k.pem'],
        {},
        '--tls-cert /nope/c.pem: no such file',
      ],
      [['--stateless'], {}, '--stateless applies only with --http'],
      [['--http', 'localhost:99999'], {}, 'is not [HOST:]PORT'],
      [['--http', '0', '--allow-origin', 'https://x.example.com/path'], {}, 'is not an origin'],
      [['--http', '0', '--max-sessions', '1.5'], {}, 'must be a whole number'],
    ];
    const runs = await Promise.all(cases.map(([args, env]) => runCli(args, { env })));
    for (const [index, [args, , message]] of cases.entries()) {
      const { code, stderr } = runs[index]!;
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toContain(message);
    }
  });

  it('on loopback without a token, generates one, prints it to stderr only, and requires it', async () => {
    const generated = await startHttpServer({ env: { CONTAINER_MCP_TOKEN: '' } });
    try {
      const token = await eventually(() =>
        Promise.resolve(/bearer token for this run .*: (\S+)\n/.exec(generated.stderr())?.[1]),
      );
      expect(token).toMatch(/^[\w-]{43}$/);
      expect(generated.stdout()).toBe('');
      const client = await connect(generated, { token });
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      await client.close();
      const without = await raw(generated.url, {
        headers: mcpHeaders(generated.token),
        body: INITIALIZE,
      });
      expect(without.status).toBe(401);
    } finally {
      await generated.stop();
    }
  });
});

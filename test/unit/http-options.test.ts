/** The HTTP transport's pure parts: listen addresses, Host names, flags, the token check. */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/config.js';
import { parseCommandLine } from '../../src/cli/parse.js';
import { BearerAuth, challenge } from '../../src/transports/http/auth.js';
import {
  allowedHostNames,
  hostHeaderName,
  isLoopback,
  parseListen,
} from '../../src/transports/http/bind.js';
import { RequestGuard } from '../../src/transports/http/origin.js';

const TOKEN = 'a'.repeat(32);

describe('--http [HOST:]PORT', () => {
  it.each([
    ['8080', { host: '127.0.0.1', port: 8080 }],
    ['0', { host: '127.0.0.1', port: 0 }],
    ['0.0.0.0:9000', { host: '0.0.0.0', port: 9000 }],
    ['[::1]:8080', { host: '::1', port: 8080 }],
    ['LocalHost:1', { host: 'localhost', port: 1 }],
    ['mcp.example.com:443', { host: 'mcp.example.com', port: 443 }],
  ])('parses %s', (value, expected) => expect(parseListen(value)).toEqual(expected));

  it.each(['', 'x', '70000', '::1:80', '[nothex]:80', 'a b:80', 'host:', ':80'])(
    'refuses %j',
    (value) => expect(parseListen(value)).toBeUndefined(),
  );

  it('knows loopback from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'])
      expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'example.com', '128.0.0.1'])
      expect(isLoopback(host)).toBe(false);
  });
});

describe('Host names', () => {
  it('takes the name from a Host header, IPv6 included', () => {
    expect(hostHeaderName('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(hostHeaderName('[::1]:8080')).toBe('[::1]');
    expect(hostHeaderName('Example.COM')).toBe('example.com');
  });

  it('accepts the loopback names on loopback, only the bound name elsewhere, plus --allow-host', () => {
    expect([...allowedHostNames({ host: '127.0.0.1', port: 1 }, [])].sort()).toEqual(
      ['127.0.0.1', '[::1]', 'localhost'].sort(),
    );
    expect([...allowedHostNames({ host: '10.0.0.5', port: 1 }, ['mcp.example.com'])]).toEqual([
      '10.0.0.5',
      'mcp.example.com',
    ]);
    const wildcard = allowedHostNames({ host: '0.0.0.0', port: 1 }, []);
    expect(wildcard.has('localhost')).toBe(true);
    expect(wildcard.has('127.0.0.1')).toBe(true);
  });
});

describe('the request guard', () => {
  const guard = new RequestGuard(
    { host: '127.0.0.1', port: 8080 },
    { allowHosts: [], allowOrigins: ['https://app.example.com'], tls: false },
  );
  const request = (headers: Record<string, string>): IncomingMessage =>
    ({ headers }) as unknown as IncomingMessage;

  it('lets through its own origin, an allowed one, and none at all', () => {
    expect(guard.check(request({ host: '127.0.0.1:8080' }))).toBeUndefined();
    expect(
      guard.check(request({ host: 'localhost:8080', origin: 'http://localhost:8080' })),
    ).toBeUndefined();
    expect(
      guard.check(request({ host: '127.0.0.1:8080', origin: 'https://app.example.com' })),
    ).toBeUndefined();
  });

  it('refuses a foreign Host, a foreign origin, another port or scheme, and "null"', () => {
    expect(guard.check(request({ host: 'evil.example.com:8080' }))?.status).toBe(403);
    expect(guard.check(request({}))?.status).toBe(403);
    for (const origin of [
      'http://evil.example.com',
      'http://127.0.0.1:9999',
      'https://127.0.0.1:8080',
      'null',
    ])
      expect(guard.check(request({ host: '127.0.0.1:8080', origin }))?.status).toBe(403);
  });
});

describe('the bearer token', () => {
  const auth = new BearerAuth(TOKEN);
  const withAuth = (authorization?: string): IncomingMessage =>
    ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;

  it('accepts exactly the token, in any case of "Bearer"', () => {
    expect(auth.check(withAuth(`Bearer ${TOKEN}`))).toBe('ok');
    expect(auth.check(withAuth(`bearer ${TOKEN}`))).toBe('ok');
    expect(auth.check(withAuth())).toBe('missing');
    for (const value of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`, TOKEN])
      expect(auth.check(withAuth(value))).toBe('invalid');
    expect(challenge('invalid')).toContain('error="invalid_token"');
  });
});

describe('HTTP flags', () => {
  const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseCommandLine(argv, env).config;

  it('fills the HTTP config, the token from the environment when no flag gives one', () => {
    const config = parse(
      ['--http', '9000', '--allow-origin', 'https://a.example.com/', '--session-idle', '60'],
      { CONTAINER_MCP_TOKEN: TOKEN },
    );
    expect(config.http).toMatchObject({
      listen: { host: '127.0.0.1', port: 9000 },
      token: TOKEN,
      allowOrigins: ['https://a.example.com'],
      sessionIdleMs: 60_000,
      maxSessions: 100,
      maxBodyBytes: 4 * 1024 * 1024,
    });
    expect(
      parse(['--http', '9000', '--token', 'b'.repeat(16)], { CONTAINER_MCP_TOKEN: TOKEN }).http
        .token,
    ).toBe('b'.repeat(16));
  });

  it('leaves the token unset on loopback (one is generated), refuses beyond it', () => {
    expect(parse(['--http', '9000']).http.token).toBeUndefined();
    expect(() => parse(['--http', '0.0.0.0:9000'])).toThrow(UsageError);
    expect(() => parse(['--http', '0.0.0.0:9000'])).toThrow(/listens beyond this machine/);
    expect(parse(['--http', '0.0.0.0:9000'], { CONTAINER_MCP_TOKEN: TOKEN }).http.token).toBe(
      TOKEN,
    );
  });

  it('ignores CONTAINER_MCP_TOKEN without --http (stdio)', () => {
    expect(parse([], { CONTAINER_MCP_TOKEN: 'x' }).http.token).toBeUndefined();
  });
});

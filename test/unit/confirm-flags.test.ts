import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/parse.js';

const parse = (args: string[], env: NodeJS.ProcessEnv = {}) => parseCommandLine(args, env).config;

describe('confirmation flags', () => {
  it('default to destructive tools, token fallback, 5 minutes, a per-process secret', () => {
    expect(parse([]).confirm).toEqual({
      mode: { kind: 'destructive' },
      fallback: 'token',
      ttlMs: 300_000,
    });
  });

  it('parse modes, lists, fallback and TTL', () => {
    const config = parse([
      '--confirm',
      'container_start,container_stop',
      '--confirm-fallback',
      'deny',
      '--confirm-ttl',
      '0.5',
    ]).confirm;
    expect(config).toMatchObject({
      mode: { kind: 'list', names: ['container_start', 'container_stop'] },
      fallback: 'deny',
      ttlMs: 500,
    });
    expect(parse(['--confirm', 'write']).confirm.mode).toEqual({ kind: 'write' });
  });

  it('take the secret from the environment unless given, and require a strong one', () => {
    const secret = 's'.repeat(16);
    expect(parse([], { CONTAINER_MCP_CONFIRM_SECRET: secret }).confirm.secret).toBe(secret);
    expect(
      parse(['--confirm-secret', `${secret}x`], { CONTAINER_MCP_CONFIRM_SECRET: secret }).confirm
        .secret,
    ).toBe(`${secret}x`);
    expect(() => parse(['--confirm-secret', 'short'])).toThrow(
      /--confirm-secret must be at least 16 characters/,
    );
    expect(() => parse([], { CONTAINER_MCP_CONFIRM_SECRET: 'short' })).toThrow(
      /CONTAINER_MCP_CONFIRM_SECRET must be/,
    );
  });

  it('record redeemed tokens where every process sharing the secret finds them', () => {
    const secret = 's'.repeat(16);
    const env = { CONTAINER_MCP_CONFIRM_SECRET: secret, XDG_RUNTIME_DIR: '/run/user/1000' };
    const store = parse([], env).confirm.store;
    expect(store).toMatch(/^\/run\/user\/1000\/container-mcp\/confirm-[0-9a-f]{16}$/);
    // the same for another process with the same secret; another secret, another directory
    expect(parse([], env).confirm.store).toBe(store);
    expect(parse(['--confirm-secret', `${secret}x`], env).confirm.store).not.toBe(store);
    expect(parse(['--confirm-store', 'shared/dir'], env).confirm.store).toBe(
      join(process.cwd(), 'shared/dir'),
    );
    // Without a secret the user's key is shared by this user's processes: a store applies too.
    expect(parse(['--confirm-store', '/tmp/x']).confirm.store).toBe('/tmp/x');
    expect(parse([]).confirm.store).toBeUndefined();
  });

  it.each([
    [
      ['--confirm', 'container_stpo'],
      /"container_stpo" is neither .* \(did you mean "container_stop"\?\)/,
    ],
    [['--confirm', ','], /--confirm "," is empty/],
    [['--confirm-fallback', 'ask'], /--confirm-fallback "ask" is not token or deny/],
    [['--confirm-ttl', '0'], /--confirm-ttl "0" must be a positive number/],
    [['--audit-log', '/nonexistent-dir/audit.log'], /--audit-log .* cannot be appended to/],
  ])('refuses %j', (args, message) => expect(() => parse(args)).toThrow(message));

  it('under --stateless, refuse tokens unless the fallback or none is chosen explicitly', () => {
    const http = ['--http', '127.0.0.1:0', '--stateless'];
    expect(parse(http).confirm).toMatchObject({ stateless: 'refuse' });
    expect(parse([...http, '--confirm-fallback', 'token']).confirm).toMatchObject({
      stateless: 'fallback',
      fallback: 'token',
    });
    expect(parse([...http, '--confirm', 'none']).confirm.stateless).toBeUndefined();
    expect(parse(['--http', '127.0.0.1:0']).confirm.stateless).toBeUndefined();
  });

  it('creates the audit log at start-up, as an absolute path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const file = join(dir, 'audit.log');
    expect(parse(['--audit-log', file]).auditLog).toBe(file);
    expect(existsSync(file)).toBe(true);
  });
});

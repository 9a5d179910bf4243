import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AddressError, parseEngineUrl } from '../../src/engine/address.js';
import { resolveEngineAddress } from '../../src/engine/resolve.js';

/** A Docker config folder laid out as the Docker CLI writes it. */
let home: string;
let configDir: string;

function writeContext(
  name: string,
  host: string,
  options: { skipTlsVerify?: boolean; tls?: boolean } = {},
): void {
  const digest = createHash('sha256').update(name).digest('hex');
  const meta = join(configDir, 'contexts', 'meta', digest);
  mkdirSync(meta, { recursive: true });
  writeFileSync(
    join(meta, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: {},
      Endpoints: { docker: { Host: host, SkipTLSVerify: options.skipTlsVerify ?? false } },
    }),
  );
  if (options.tls) {
    const tls = join(configDir, 'contexts', 'tls', digest, 'docker');
    mkdirSync(tls, { recursive: true });
    writeFileSync(join(tls, 'ca.pem'), 'CA');
    writeFileSync(join(tls, 'cert.pem'), 'CERT');
    writeFileSync(join(tls, 'key.pem'), 'KEY');
  }
}

function setCurrentContext(name: string): void {
  writeFileSync(
    join(configDir, 'config.json'),
    JSON.stringify({ auths: {}, currentContext: name }),
  );
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cmcp-home-'));
  configDir = join(home, '.docker');
  mkdirSync(configDir, { recursive: true });
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const resolve = (input: { host?: string; context?: string; env?: NodeJS.ProcessEnv } = {}) =>
  resolveEngineAddress({ home, env: {}, platform: 'linux', ...input });

describe('resolveEngineAddress', () => {
  it('defaults to /var/run/docker.sock', () => {
    expect(resolve()).toMatchObject({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
      source: 'default',
    });
  });

  it('uses currentContext from config.json', () => {
    writeContext('remote', 'tcp://10.1.2.3:2375');
    setCurrentContext('remote');
    const address = resolve();
    expect(address).toMatchObject({ kind: 'tcp', host: '10.1.2.3', port: 2375 });
    expect(address.kind === 'tcp' && address.tls).toBeFalsy();
  });

  it('reads an ssh context as the Docker CLI writes it', () => {
    writeContext('box', 'ssh://me@box.example:2200');
    expect(resolve({ context: 'box' })).toMatchObject({
      kind: 'ssh',
      user: 'me',
      host: 'box.example',
      port: 2200,
      source: '--context (context "box")',
    });
  });

  it('prefers DOCKER_CONTEXT over currentContext', () => {
    writeContext('a', 'unix:///a.sock');
    writeContext('b', 'unix:///b.sock');
    setCurrentContext('a');
    expect(resolve({ env: { DOCKER_CONTEXT: 'b' } })).toMatchObject({
      socketPath: '/b.sock',
      source: 'DOCKER_CONTEXT (context "b")',
    });
  });

  it('prefers DOCKER_HOST over DOCKER_CONTEXT', () => {
    writeContext('b', 'unix:///b.sock');
    expect(
      resolve({ env: { DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'b' } }),
    ).toMatchObject({ socketPath: '/env.sock', source: 'DOCKER_HOST' });
  });

  it('prefers --context over DOCKER_HOST, and --host over everything', () => {
    writeContext('c', 'unix:///c.sock');
    const env = { DOCKER_HOST: 'unix:///env.sock' };
    expect(resolve({ context: 'c', env })).toMatchObject({ socketPath: '/c.sock' });
    expect(resolve({ host: 'unix:///flag.sock', context: 'c', env })).toMatchObject({
      socketPath: '/flag.sock',
      source: '--host',
    });
  });

  it('honours DOCKER_CONFIG', () => {
    const other = join(home, 'elsewhere');
    mkdirSync(other);
    const saved = configDir;
    configDir = other;
    writeContext('x', 'unix:///x.sock');
    setCurrentContext('x');
    configDir = saved;
    expect(resolve({ env: { DOCKER_CONFIG: other } })).toMatchObject({ socketPath: '/x.sock' });
  });

  it('treats the "default" context as DOCKER_HOST or the default socket', () => {
    setCurrentContext('default');
    expect(resolve()).toMatchObject({ socketPath: '/var/run/docker.sock' });
  });

  it("reads a context's TLS folder and SkipTLSVerify", () => {
    writeContext('secure', 'tcp://engine.example:2376', { tls: true, skipTlsVerify: true });
    const address = resolve({ context: 'secure' });
    expect(address).toMatchObject({ kind: 'tcp', host: 'engine.example', port: 2376 });
    if (address.kind !== 'tcp' || !address.tls) throw new Error('expected TLS');
    expect(address.tls.verify).toBe(false);
    expect(address.tls.ca?.toString()).toBe('CA');
    expect(address.tls.key?.toString()).toBe('KEY');
  });

  it('turns TLS on with DOCKER_TLS_VERIFY and reads DOCKER_CERT_PATH', () => {
    const certs = join(home, 'certs');
    mkdirSync(certs);
    writeFileSync(join(certs, 'ca.pem'), 'MYCA');
    const address = resolve({
      env: { DOCKER_HOST: 'tcp://127.0.0.1:2375', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs },
    });
    if (address.kind !== 'tcp' || !address.tls) throw new Error('expected TLS');
    expect(address.tls).toMatchObject({ verify: true });
    expect(address.tls.ca?.toString()).toBe('MYCA');
  });

  it('implies TLS on port 2376', () => {
    const address = resolve({ env: { DOCKER_HOST: 'tcp://127.0.0.1:2376' } });
    expect(address.kind === 'tcp' && address.tls?.verify).toBe(true);
  });

  it('names the missing context and where it looked', () => {
    expect(() => resolve({ context: 'ghost' })).toThrow(
      /Docker context "ghost" not found .*docker context ls/,
    );
  });

  it('reports a config.json that is not JSON', () => {
    writeFileSync(join(configDir, 'config.json'), '{nope');
    expect(() => resolve()).toThrow(/config.json is not valid JSON/);
  });
});

describe('parseEngineUrl', () => {
  it('parses unix, tcp, http(s) and ssh', () => {
    expect(parseEngineUrl('unix:///var/run/docker.sock', 't')).toMatchObject({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
    });
    expect(parseEngineUrl('tcp://localhost', 't')).toMatchObject({
      kind: 'tcp',
      host: 'localhost',
      port: 2375,
    });
    expect(parseEngineUrl('https://localhost', 't')).toMatchObject({
      kind: 'tcp',
      port: 2376,
      tls: { verify: true },
    });
    expect(parseEngineUrl('tcp://[::1]:2375', 't')).toMatchObject({ kind: 'tcp', host: '::1' });
    expect(parseEngineUrl('ssh://me@box:2222', 't')).toMatchObject({
      kind: 'ssh',
      user: 'me',
      host: 'box',
      port: 2222,
    });
  });
  it('refuses what it cannot reach, saying why', () => {
    expect(() =>
      parseEngineUrl('npipe:////./pipe/docker_engine', 'DOCKER_HOST', undefined, 'linux'),
    ).toThrow(/only on Windows/);
    expect(() => parseEngineUrl('ftp://x', 'DOCKER_HOST')).toThrow(/unsupported scheme "ftp:\/\/"/);
    expect(() => parseEngineUrl('docker.sock', 'DOCKER_HOST')).toThrow(AddressError);
    expect(() => parseEngineUrl('unix://relative.sock', '--host')).toThrow(/absolute socket path/);
  });
});

/**
 * The engine, the Docker config folder and contexts resolved as the Docker CLI does on each
 * platform (Windows, macOS, Linux), with the platform and environment injected: these
 * machines are Linux, and the desktops' layouts are written here as each desktop writes them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AddressError, parseEngineUrl } from '../../src/engine/address.js';
import { attachContainer } from '../../src/engine/api/attach.js';
import { Engine, hijack } from '../../src/engine/index.js';
import { resolveEngineAddress, type ResolveInput } from '../../src/engine/resolve.js';
import { answerPing, startFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';

let home: string;
let noSystemSocket: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cmcp-platform-'));
  noSystemSocket = join(home, 'no-var-run', 'docker.sock');
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** A context as the Docker CLI stores it, made current the way the desktops do it. */
function writeContext(configDir: string, name: string, host: string, current = true): void {
  const meta = join(configDir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
  mkdirSync(meta, { recursive: true });
  writeFileSync(
    join(meta, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host } } }),
  );
  if (current)
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: name }));
}

function touch(...parts: string[]): string {
  const path = join(home, ...parts);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
  return path;
}

const on = (platform: NodeJS.Platform, input: ResolveInput = {}) =>
  resolveEngineAddress({ platform, env: {}, systemSocket: noSystemSocket, ...input });

describe('Windows', () => {
  const windows = (input: ResolveInput = {}) =>
    on('win32', { env: { USERPROFILE: home, HOME: join(home, 'not-this') }, ...input });

  it("defaults to Docker Desktop's named pipe", () => {
    expect(windows()).toEqual({
      kind: 'npipe',
      socketPath: '\\\\.\\pipe\\docker_engine',
      url: 'npipe:////./pipe/docker_engine',
      source: 'default (Windows)',
    });
  });

  it('reads contexts from %USERPROFILE%\\.docker, not $HOME', () => {
    writeContext(
      join(home, '.docker'),
      'desktop-linux',
      'npipe:////./pipe/dockerDesktopLinuxEngine',
    );
    writeContext(join(home, 'not-this', '.docker'), 'wrong', 'tcp://wrong:2375');
    expect(windows()).toMatchObject({
      kind: 'npipe',
      socketPath: '\\\\.\\pipe\\dockerDesktopLinuxEngine',
      source: expect.stringContaining('context "desktop-linux"') as string,
    });
  });

  it('takes DOCKER_HOST as a pipe, and the "default" context as the default pipe', () => {
    const env = { USERPROFILE: home, DOCKER_HOST: 'npipe:////./pipe/podman-machine-default' };
    expect(windows({ env })).toMatchObject({
      socketPath: '\\\\.\\pipe\\podman-machine-default',
      source: 'DOCKER_HOST',
    });
    writeContext(join(home, '.docker'), 'default', 'ignored');
    expect(windows()).toMatchObject({
      url: 'npipe:////./pipe/docker_engine',
      source: expect.stringContaining('context "default"') as string,
    });
  });

  it('refuses a unix socket (Node reaches none there) and a pipe on another machine', () => {
    expect(() => windows({ host: 'unix:///var/run/docker.sock' })).toThrow(
      /Node cannot reach on Windows; .*npipe:\/\/\/\/\.\/pipe\/docker_engine/,
    );
    expect(() => windows({ host: 'npipe:////server/pipe/docker_engine' })).toThrow(
      /not a local named pipe/,
    );
    expect(() => parseEngineUrl('npipe:////./pipe/', 'x', undefined, 'win32')).toThrow(
      AddressError,
    );
  });

  it('still speaks tcp and ssh', () => {
    expect(windows({ host: 'tcp://127.0.0.1:2375' })).toMatchObject({ kind: 'tcp' });
    expect(windows({ host: 'ssh://me@box' })).toMatchObject({ kind: 'ssh', host: 'box' });
  });
});

describe('macOS', () => {
  const mac = (input: ResolveInput = {}) => on('darwin', { env: { HOME: home }, ...input });
  const configDir = () => join(home, '.docker');

  it.each([
    ['Docker Desktop', 'desktop-linux', ['.docker', 'run', 'docker.sock']],
    ['OrbStack', 'orbstack', ['.orbstack', 'run', 'docker.sock']],
    ['Colima', 'colima', ['.colima', 'default', 'docker.sock']],
  ])('reaches %s through the context it makes current', (_desktop, context, parts) => {
    const socket = join(home, ...parts);
    writeContext(configDir(), context, `unix://${socket}`);
    expect(mac()).toMatchObject({
      kind: 'unix',
      socketPath: socket,
      source: `currentContext in ${join(configDir(), 'config.json')} (context "${context}")`,
    });
  });

  it.each([
    ['Docker Desktop', ['.docker', 'run', 'docker.sock']],
    ['OrbStack', ['.orbstack', 'run', 'docker.sock']],
    ['Colima', ['.colima', 'default', 'docker.sock']],
    ['Rancher Desktop', ['.rd', 'docker.sock']],
  ])("without a context, finds %s's socket in the home folder", (desktop, parts) => {
    const socket = touch(...parts);
    expect(mac()).toMatchObject({
      socketPath: socket,
      source: `${desktop} socket (~/${parts.join('/')}, no ${noSystemSocket})`,
    });
  });

  it('prefers /var/run/docker.sock, and names it when nothing exists', () => {
    touch('.docker', 'run', 'docker.sock');
    const system = touch('var-run', 'docker.sock');
    expect(mac({ systemSocket: system })).toMatchObject({ socketPath: system, source: 'default' });
    rmSync(join(home, '.docker'), { recursive: true });
    expect(mac()).toMatchObject({ socketPath: noSystemSocket, source: 'default' });
  });

  it('never looks in $XDG_RUNTIME_DIR (a Linux convention)', () => {
    const runtime = join(home, 'run');
    touch('run', 'docker.sock');
    expect(mac({ env: { HOME: home, XDG_RUNTIME_DIR: runtime } })).toMatchObject({
      socketPath: noSystemSocket,
    });
  });

  it('refuses a named pipe, saying where pipes exist', () => {
    expect(() => mac({ host: 'npipe:////./pipe/docker_engine' })).toThrow(
      /named pipes \(npipe:\/\/\) exist only on Windows; this server runs on darwin/,
    );
  });
});

describe('Linux', () => {
  const linux = (env: NodeJS.ProcessEnv = {}) => on('linux', { env: { HOME: home, ...env } });

  it("finds Docker Desktop for Linux's socket after the rootless ones", () => {
    const desktop = touch('.docker', 'desktop', 'docker.sock');
    expect(linux()).toMatchObject({
      socketPath: desktop,
      source: expect.stringContaining('Docker Desktop socket') as string,
    });
    const rootless = touch('run', 'docker.sock');
    expect(linux({ XDG_RUNTIME_DIR: join(home, 'run') })).toMatchObject({ socketPath: rootless });
  });

  it('reads the config folder from $HOME, or DOCKER_CONFIG', () => {
    writeContext(join(home, '.docker'), 'box', 'ssh://me@box');
    expect(linux()).toMatchObject({ kind: 'ssh', host: 'box' });
    const other = join(home, 'cfg');
    writeContext(other, 'other', 'tcp://10.0.0.1:2375');
    expect(linux({ DOCKER_CONFIG: other })).toMatchObject({ kind: 'tcp', host: '10.0.0.1' });
  });
});

describe('a named pipe address', () => {
  // Node connects to a pipe path exactly as to a socket path (libuv opens a pipe there on
  // Windows): an npipe address aimed at a scripted engine's socket proves every connection
  // the client makes (pooled calls, attach's hijack) goes to the address's path.
  let fake: FakeEngine | undefined;
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.close();
    await fake?.close();
    engine = fake = undefined;
  });

  it('carries pooled calls and attach to its path', async () => {
    fake = await startFakeEngine(
      (req, res) => (req.url === '/_ping' ? answerPing(res, '1.45') : res.end()),
      undefined,
      (_req, socket) =>
        socket.end('HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n'),
    );
    const address = {
      kind: 'npipe' as const,
      socketPath: fake.socketPath,
      url: 'npipe:////./pipe/docker_engine',
      source: 'test',
    };
    engine = new Engine(address);
    expect((await engine.engineInfo()).apiVersion).toBe('1.45');
    const stream = await hijack(engine, attachContainer, { params: { id: 'web' } });
    stream.destroy();
    expect(fake.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['HEAD /_ping']);
    expect(engine.displayAddress).toBe('npipe:////./pipe/docker_engine');
  });
});

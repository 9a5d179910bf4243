import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveEngineAddress } from '../../src/engine/resolve.js';

/** A fake machine: a system socket path and a user runtime directory, both in a temp dir. */
let root: string;
let runtimeDir: string;
let systemSocket: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cmcp-sockets-'));
  runtimeDir = join(root, 'run-user-1000');
  mkdirSync(join(runtimeDir, 'podman'), { recursive: true });
  systemSocket = join(root, 'var-run', 'docker.sock');
  mkdirSync(join(root, 'var-run'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const touch = (path: string) => writeFileSync(path, '');
const resolve = (env: NodeJS.ProcessEnv = { XDG_RUNTIME_DIR: runtimeDir }) =>
  resolveEngineAddress({ env, home: root, systemSocket, platform: 'linux' });

describe('the socket used when nothing is configured', () => {
  it('is the system socket when it exists, even with rootless sockets around', () => {
    touch(systemSocket);
    touch(join(runtimeDir, 'docker.sock'));
    touch(join(runtimeDir, 'podman', 'podman.sock'));
    expect(resolve()).toMatchObject({ socketPath: systemSocket, source: 'default' });
  });

  it("is rootless Docker's socket in $XDG_RUNTIME_DIR when there is no system socket", () => {
    touch(join(runtimeDir, 'docker.sock'));
    touch(join(runtimeDir, 'podman', 'podman.sock'));
    expect(resolve()).toMatchObject({
      socketPath: join(runtimeDir, 'docker.sock'),
      source: expect.stringContaining('rootless Docker socket') as string,
    });
  });

  it("is rootless Podman's socket when that is the only one", () => {
    touch(join(runtimeDir, 'podman', 'podman.sock'));
    expect(resolve()).toMatchObject({
      url: `unix://${join(runtimeDir, 'podman', 'podman.sock')}`,
      source: expect.stringContaining('rootless Podman socket') as string,
    });
  });

  it('applies to the "default" context too', () => {
    mkdirSync(join(root, '.docker'));
    writeFileSync(join(root, '.docker', 'config.json'), '{"currentContext":"default"}');
    touch(join(runtimeDir, 'podman', 'podman.sock'));
    expect(resolve()).toMatchObject({
      socketPath: join(runtimeDir, 'podman', 'podman.sock'),
      source: expect.stringContaining('context "default"') as string,
    });
  });

  it('stays the system socket when nothing exists, so the error names the usual path', () => {
    expect(resolve()).toMatchObject({ socketPath: systemSocket, source: 'default' });
    expect(resolve({ XDG_RUNTIME_DIR: 'relative/dir' })).toMatchObject({
      socketPath: systemSocket,
    });
  });

  it('never looks past DOCKER_HOST', () => {
    touch(join(runtimeDir, 'docker.sock'));
    expect(
      resolve({ XDG_RUNTIME_DIR: runtimeDir, DOCKER_HOST: 'unix:///elsewhere.sock' }),
    ).toMatchObject({ socketPath: '/elsewhere.sock', source: 'DOCKER_HOST' });
  });
});

/**
 * container_export's save_to as the host write it is, against the real engine: a local user
 * who can write inside --export-dir swaps a directory for a symlink out of it, once at the
 * moment the engine is asked for the tar (through the engine proxy), then over and over
 * while the server saves (a bounded number of rounds): no tar ever lands outside. And
 * save_to is declared: --read-only takes it out of the schema, the audit log records it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, removeTestContainers, type TestContainer } from '../helpers/docker.js';
import { startEngineProxy } from '../helpers/engine-proxy.js';
import { call, startServer, textOf, type Session } from '../helpers/mcp.js';

const ROUNDS = 100;

const root = realpathSync(mkdtempSync(join(tmpdir(), 'cmcp-save-')));
const exportDir = join(root, 'exports');
const outside = join(root, 'elsewhere');
const auditLog = join(root, 'audit.log');

let small: TestContainer;
let session: Session;
let swapper: ChildProcess | undefined;

beforeAll(async () => {
  mkdirSync(exportDir);
  mkdirSync(outside);
  [small, session] = await Promise.all([
    createContainer({ start: false }),
    startServer({ args: ['--export-dir', exportDir, '--audit-log', auditLog] }),
  ]);
});
afterAll(async () => {
  if (swapper?.pid !== undefined) process.kill(swapper.pid);
  await session?.close();
  await removeTestContainers();
});

/**
 * Another local user's loop: exports/sub is a real directory, then nothing, then a symlink
 * to a directory outside, then nothing, as fast as rename(2) goes.
 */
function startSwapping(): ChildProcess {
  const sub = join(exportDir, 'sub');
  const real = join(exportDir, 'sub.real');
  const link = join(exportDir, 'sub.link');
  mkdirSync(real);
  symlinkSync(outside, link);
  const loop = `
    const { renameSync } = require('node:fs');
    const [sub, real, link] = ${JSON.stringify([sub, real, link])};
    for (;;) {
      renameSync(real, sub); renameSync(sub, real);
      renameSync(link, sub); renameSync(sub, link);
    }`;
  return spawn(process.execPath, ['-e', loop], { stdio: 'ignore' });
}

describe('save_to', () => {
  it('keeps the file it checked when a directory on the way is swapped while the engine answers', async () => {
    const sub = join(exportDir, 'swapped');
    mkdirSync(sub);
    let swapped = false;
    const proxy = await startEngineProxy({
      before: (seen) => {
        if (swapped || !seen.path.endsWith('/export')) return;
        swapped = true;
        renameSync(sub, `${sub}.real`);
        symlinkSync(outside, sub);
      },
    });
    const proxied = await startServer({
      args: ['--export-dir', exportDir],
      env: { DOCKER_HOST: proxy.url },
    });
    try {
      const result = await call(proxied, 'container_export', {
        id: small.id,
        save_to: 'swapped/export.tar',
      });
      expect(swapped, 'the swap happened').toBe(true);
      expect(readdirSync(outside), textOf(result)).toEqual([]);
      expect(readdirSync(`${sub}.real`)).toEqual(['export.tar']);
    } finally {
      await proxied.close();
      await proxy.close();
    }
  });

  it(`never writes outside --export-dir while a directory on the way is swapped for a symlink (${ROUNDS} rounds)`, async () => {
    swapper = startSwapping();
    const answers: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const result = await call(session, 'container_export', {
        id: small.id,
        save_to: `sub/round-${round}.tar`,
      });
      answers.push(result.isError ? textOf(result) : 'saved');
      expect(readdirSync(outside), `round ${round}: ${textOf(result)}`).toEqual([]);
    }
    if (swapper.pid !== undefined) process.kill(swapper.pid);
    swapper = undefined;
    // Every round either saved inside or was refused; nothing is left anywhere else.
    for (const answer of answers)
      expect(answer).toMatch(/^saved$|^Cannot save: |^Engine error \[not_found\]/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('is a host write: taken out of the schema under --read-only', async () => {
    const readOnly = await startServer({ args: ['--read-only', '--export-dir', exportDir] });
    try {
      const { tools } = await readOnly.client.listTools();
      const exported = tools.find((tool) => tool.name === 'container_export');
      expect(exported?.inputSchema.properties).not.toHaveProperty('save_to');
      const refused = await call(readOnly, 'container_export', {
        id: small.id,
        save_to: 'read-only.tar',
      });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/save_to/);
      expect(readdirSync(exportDir)).not.toContain('read-only.tar');
    } finally {
      await readOnly.close();
    }
  });

  it('is in the audit log, with its effect', async () => {
    const result = await call(session, 'container_export', {
      id: small.id,
      save_to: 'audited.tar',
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const entries = readFileSync(auditLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(
      expect.objectContaining({
        tool: 'container_export',
        effects: ['host-file'],
        container: small.id,
        arguments: { id: small.id, save_to: 'audited.tar' },
        outcome: 'ok',
      }),
    );
  });
});

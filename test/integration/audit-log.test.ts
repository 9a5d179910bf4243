/**
 * --audit-log against the real engine: one redaction (the shared table of cases: names such
 * as MYSQL_PWD, values with spaces, multi-line keys, labels) and no silent cut: padding in
 * an `sh -c` cannot push the tail of a command out of the record; beyond 64 KiB a value
 * keeps its start, its end, its length and a sha256.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTestContainers, TEST_IMAGE, testLabels, uniqueName } from '../helpers/docker.js';
import { call, startServer, textOf, type Session } from '../helpers/mcp.js';
import { ALL_SECRETS, ENV_CASES, LABEL_CASES } from '../helpers/redaction-cases.js';

const auditLog = join(mkdtempSync(join(tmpdir(), 'cmcp-audit-')), 'audit.log');
let session: Session;

beforeAll(async () => {
  session = await startServer({ args: ['--audit-log', auditLog] });
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

interface Entry {
  tool: string;
  arguments: { name?: string; body?: { Env?: string[]; Cmd?: unknown[]; Labels?: unknown } };
}

function entryFor(name: string): Entry {
  const entries = readFileSync(auditLog, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Entry);
  const entry = entries.find((e) => e.arguments.name === name);
  if (!entry) throw new Error(`no audit entry for ${name}`);
  return entry;
}

async function create(cmd: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const name = uniqueName('audited');
  const result = await call(session, 'container_create', {
    name,
    body: {
      Image: TEST_IMAGE,
      Cmd: cmd,
      Labels: testLabels(),
      HostConfig: { NetworkMode: 'none' },
      ...extra,
    },
  });
  expect(result.isError, textOf(result)).toBeFalsy();
  return name;
}

describe('the audit log', () => {
  it('redacts every case of the shared table, labels included, as answers do', async () => {
    const labels = Object.fromEntries(LABEL_CASES.map((c) => [c.key, c.value]));
    const name = await create(['true'], {
      Env: ENV_CASES.map((c) => c.entry),
      Labels: { ...testLabels(), ...labels },
    });
    const line = JSON.stringify(entryFor(name));
    expect(ALL_SECRETS.filter((secret) => line.includes(secret))).toEqual([]);
    expect(entryFor(name).arguments.body?.Env).toEqual(ENV_CASES.map((c) => c.shown));
  });

  it('keeps the tail of a padded command', async () => {
    const command = `echo ${'x'.repeat(300)}; rm -rf /data/important`;
    const name = await create(['sh', '-c', command]);
    expect(entryFor(name).arguments.body?.Cmd).toEqual(['sh', '-c', command]);
  });

  it('beyond 64 KiB, says so: start, end, length and sha256 of the whole', async () => {
    const command = `echo ${'y'.repeat(70 * 1024)}; rm -rf /data/important`;
    const name = await create(['sh', '-c', command]);
    const cut = entryFor(name).arguments.body?.Cmd?.[2] as {
      cut: { length: number; sha256: string; start: string; end: string };
    };
    expect(cut.cut.length).toBe(command.length);
    expect(cut.cut.sha256).toBe(createHash('sha256').update(command).digest('hex'));
    expect(command.startsWith(cut.cut.start)).toBe(true);
    expect(cut.cut.end.endsWith('; rm -rf /data/important')).toBe(true);
  });
});

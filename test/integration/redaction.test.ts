/**
 * Redaction through a real client, over the shared table of cases
 * (test/helpers/redaction-cases.ts): every secret of a real container's environment and
 * labels is *** in inspect (text, structured content, the full document), in list rows
 * and in logs (text and line records), while the engine keeps the real values;
 * --no-redact shows them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  createContainer,
  eventually,
  FILE_LABEL,
  inspect,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { listedRows } from '../helpers/rows.js';
import { ALL_SECRETS, ENV_CASES, LABEL_CASES } from '../helpers/redaction-cases.js';

const ENV = ENV_CASES.map((c) => c.entry);
const LABELS = Object.fromEntries(LABEL_CASES.map((c) => [c.key, c.value]));

let redacting: Session;
let plain: Session;
let web: TestContainer;

beforeAll(async () => {
  [web, redacting, plain] = await Promise.all([
    createContainer({ env: ENV, labels: LABELS, cmd: ['sh', '-c', 'env; sleep 3600'] }),
    startServer(),
    startServer({ args: ['--no-redact'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([redacting?.close(), plain?.close()]);
  await removeTestContainers();
});

/** Every secret marker found anywhere in an answer: its text blocks and its structured content. */
const leaks = (result: CallToolResult) => {
  const all = JSON.stringify(result);
  return ALL_SECRETS.filter((secret) => all.includes(secret));
};

interface Inspected {
  container: { config: { env: string[]; labels: Record<string, string> } };
  raw: { Config: { Env: string[]; Labels: Record<string, string> } };
}

describe('redaction', () => {
  it('hides every secret in inspect: text, structured content and the full document', async () => {
    const result = await call(redacting, 'container_inspect', { id: web.name, full: true });
    expect(leaks(result)).toEqual([]);
    const data = dataOf<Inspected>(result);
    const shown = ENV_CASES.map((c) => c.shown);
    expect(data.container.config.env).toEqual(expect.arrayContaining(shown));
    expect(data.raw.Config.Env).toEqual(expect.arrayContaining(shown));
    for (const { key, value, secret } of LABEL_CASES) {
      expect(data.container.config.labels[key]).toBe(secret ? '***' : value);
      expect(data.raw.Config.Labels[key]).toBe(secret ? '***' : value);
    }
    expect(textOf(result)).toContain('GREETING=hello-visible');
    expect(textOf(result)).toContain('owner=team-visible');
    // Display only: the engine keeps the real values.
    expect((await inspect(web.id))?.Config.Env).toEqual(expect.arrayContaining(ENV));
  });

  it('hides secret labels in list rows', async () => {
    const result = await call(redacting, 'container_list', {
      labels: true,
      filters: { label: [FILE_LABEL] },
    });
    expect(leaks(result)).toEqual([]);
    // Secret-looking labels come last, so the one redaction hides them and no other.
    const [row] = listedRows(result);
    expect(row?.labels).toContain('owner=team-visible');
    expect(row?.labels).toMatch(/, [^,]*(token|password)=\*\*\*$/);
    expect(textOf(result)).toContain('owner=team-visible');
  });

  it('hides them in logs, text and line records, a multi-line key included', async () => {
    const result = await eventually(async () => {
      const logs = await call(redacting, 'container_logs', { id: web.name });
      return textOf(logs).includes('GREETING') ? logs : undefined;
    });
    expect(leaks(result)).toEqual([]);
    expect(textOf(result)).toContain('DB_PASSWORD=***');
    expect(textOf(result)).toContain('postgres://app:***@db:5432/app');
  });

  it('--no-redact shows the real values', async () => {
    const result = await call(plain, 'container_inspect', { id: web.name });
    expect(dataOf<Inspected>(result).container.config.env).toEqual(expect.arrayContaining(ENV));
    expect(textOf(result)).toContain('DB_PASSWORD=hunter2-secret');
  });
});

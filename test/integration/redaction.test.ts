/**
 * Redaction through a real client: secret-looking environment values and URL passwords are
 * *** in inspect (text, structured content, the full document) and in logs, while the
 * engine keeps the real values; --no-redact shows them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  eventually,
  inspect,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

const ENV = [
  'DB_PASSWORD=hunter2-secret',
  'DATABASE_URL=postgres://app:pg-secret@db:5432/app',
  'apiKey=key-secret',
  'GREETING=hello-visible',
];
const SECRETS = ['hunter2-secret', 'pg-secret', 'key-secret'];

let redacting: Session;
let plain: Session;
let web: TestContainer;

beforeAll(async () => {
  [web, redacting, plain] = await Promise.all([
    createContainer({ env: ENV, cmd: ['sh', '-c', 'env; sleep 3600'] }),
    startServer(),
    startServer({ args: ['--no-redact'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([redacting?.close(), plain?.close()]);
  await removeTestContainers();
});

interface Inspected {
  container: { config: { env: string[] } };
  raw: { Config: { Env: string[] } };
}

describe('redaction', () => {
  it('hides secret values in inspect: text, structured content and the full document', async () => {
    const result = await call(redacting, 'container_inspect', { id: web.name, full: true });
    const text = textOf(result);
    const data = dataOf<Inspected>(result);
    for (const secret of SECRETS) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(data)).not.toContain(secret);
    }
    expect(text).toContain('DB_PASSWORD=***');
    expect(text).toContain('"DB_PASSWORD=***"');
    expect(text).toContain('GREETING=hello-visible');
    const expected = [
      'DB_PASSWORD=***',
      'DATABASE_URL=postgres://app:***@db:5432/app',
      'apiKey=***',
      'GREETING=hello-visible',
    ];
    expect(data.container.config.env).toEqual(expect.arrayContaining(expected));
    expect(data.raw.Config.Env).toEqual(expect.arrayContaining(expected));
    // Display only: the engine keeps the real values.
    expect((await inspect(web.id))?.Config.Env).toEqual(expect.arrayContaining(ENV));
  });

  it('hides them in logs too', async () => {
    const text = await eventually(async () => {
      const logs = textOf(await call(redacting, 'container_logs', { id: web.name }));
      return logs.includes('GREETING') ? logs : undefined;
    });
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain('DB_PASSWORD=***');
    expect(text).toContain('postgres://app:***@db:5432/app');
  });

  it('--no-redact shows the real values', async () => {
    const result = await call(plain, 'container_inspect', { id: web.name });
    expect(dataOf<Inspected>(result).container.config.env).toEqual(expect.arrayContaining(ENV));
    expect(textOf(result)).toContain('DB_PASSWORD=hunter2-secret');
  });
});

import { describe, expect, it } from 'vitest';
import { redactArgs } from '../../src/safety/redact-args.js';

describe('redactArgs', () => {
  it('hides values under secret-looking names, at any depth', () => {
    expect(
      redactArgs({
        id: 'web',
        password: 'hunter2',
        labels: { api_key: 'k', 'app.token': 't', monkey: 'banana', keyboard: 'qwerty' },
        nested: [{ Secret: 's', count: 3 }],
      }),
    ).toEqual({
      id: 'web',
      password: '***',
      labels: { api_key: '***', 'app.token': '***', monkey: 'banana', keyboard: 'qwerty' },
      nested: [{ Secret: '***', count: 3 }],
    });
  });

  it('hides NAME=value assignments and URL passwords', () => {
    expect(
      redactArgs({
        env: ['DB_PASSWORD=x', 'GITHUB_TOKEN=y', 'PATH=/bin', 'AWS_SECRET_ACCESS_KEY=z'],
        cmd: ['curl', 'https://user:pa55@example.com/x', 'http://host/no-user'],
      }),
    ).toEqual({
      env: ['DB_PASSWORD=***', 'GITHUB_TOKEN=***', 'PATH=/bin', 'AWS_SECRET_ACCESS_KEY=***'],
      cmd: ['curl', 'https://user:***@example.com/x', 'http://host/no-user'],
    });
  });

  it('cuts long strings to their start and length', () => {
    const redacted = redactArgs({ content: 'x'.repeat(1000) }) as { content: string };
    expect(redacted.content).toBe(`${'x'.repeat(200)}… (1000 characters)`);
  });
});

import { describe, expect, it } from 'vitest';
import { redactAnswer } from '../../src/safety/redact-middleware.js';
import {
  isSecretName,
  redactText,
  redactUrlCredentials,
  redactValue,
} from '../../src/safety/redact.js';

describe('secret names', () => {
  it.each([
    'DB_PASSWORD',
    'mysql_root_passwd',
    'GITHUB_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'API_KEY',
    'apiKey',
    'PRIVATE_KEY_PATH',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'BASIC_AUTH',
    'DB_PASS',
    'dbPassword',
  ])('%s looks secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each(['PATH', 'HOME', 'PWD', 'MONKEY', 'AUTHOR', 'KEYBOARD_LAYOUT', 'PASSENGER'])(
    '%s does not',
    (name) => expect(isSecretName(name)).toBe(false),
  );
});

describe('redaction', () => {
  it('hides only the password of a URL', () => {
    expect(redactUrlCredentials('postgres://app:s3cr/et@db:5432/x and https://u:p@h')).toBe(
      'postgres://app:***@db:5432/x and https://u:***@h',
    );
    expect(redactUrlCredentials('https://host:8080/path?a=b')).toBe('https://host:8080/path?a=b');
    expect(redactUrlCredentials('ftp://anonymous@host/')).toBe('ftp://anonymous@host/');
  });

  it('redacts env lines in text, plain and inside JSON', () => {
    const text = [
      'Env:',
      '  PATH=/usr/bin',
      '  DB_PASSWORD=hunter2 with spaces',
      '  DATABASE_URL=mysql://root:pw@db/app',
      'A=1 API_TOKEN=abc B=2',
      'mysqld --user=mysql --password=pw --port=3306',
      '{"Env": ["TOKEN=t\\"x", "HOME=/root"]}',
    ].join('\n');
    expect(redactText(text)).toBe(
      [
        'Env:',
        '  PATH=/usr/bin',
        '  DB_PASSWORD=***',
        '  DATABASE_URL=mysql://root:***@db/app',
        'A=1 API_TOKEN=*** B=2',
        'mysqld --user=mysql --password=*** --port=3306',
        '{"Env": ["TOKEN=***", "HOME=/root"]}',
      ].join('\n'),
    );
  });

  it('redacts every string in structured content, at any depth, keeping the keys', () => {
    expect(
      redactValue({
        container: { config: { env: ['SECRET=x', 'LANG=C'], token_count: 3 } },
        raw: { Config: { Env: ['url=http://a:b@c'] } },
      }),
    ).toEqual({
      container: { config: { env: ['SECRET=***', 'LANG=C'], token_count: 3 } },
      raw: { Config: { Env: ['url=http://a:***@c'] } },
    });
  });

  it('redacts the text, the data and text blocks of an answer', () => {
    const answer = redactAnswer({
      text: 'MY_KEY=1',
      data: { env: ['MY_KEY=1'] },
      content: [{ type: 'text', text: 'MY_KEY=1' }],
    });
    expect(answer).toEqual({
      text: 'MY_KEY=***',
      data: { env: ['MY_KEY=***'] },
      content: [{ type: 'text', text: 'MY_KEY=***' }],
    });
  });
});

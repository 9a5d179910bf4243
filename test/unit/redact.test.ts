/**
 * The one redaction, over the shared table of cases (test/helpers/redaction-cases.ts): every
 * form an answer or the audit log takes (an entry, a text line, JSON text, structured
 * content, a log's lines) hides every secret and keeps what is harmless.
 */
import { describe, expect, it } from 'vitest';
import { escapeControl } from '../../src/render/escape.js';
import { redactAnswer } from '../../src/safety/redact-middleware.js';
import { isSecretName, redactString, redactText, redactValue } from '../../src/safety/redact.js';
import {
  ALL_SECRETS,
  ENV_CASES,
  LABEL_CASES,
  PLAIN_NAMES,
  SECRET_NAMES,
} from '../helpers/redaction-cases.js';

const leaks = (text: string) => ALL_SECRETS.filter((secret) => text.includes(secret));

describe('names', () => {
  it.each(SECRET_NAMES)('%s looks secret', (name) => expect(isSecretName(name)).toBe(true));
  it.each(PLAIN_NAMES)('%s does not', (name) => expect(isSecretName(name)).toBe(false));
});

describe.each(ENV_CASES)('$what', ({ entry, secrets, shown }) => {
  it('as one value (structured env, an argument)', () => {
    expect(redactString(entry)).toBe(shown);
  });

  it('as a line of text, escaped onto one line as inspect prints it', () => {
    const text = redactText(`Env:\n  ${escapeControl(entry)}\nNext: more`);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('Next: more');
    if (secrets.length === 0) expect(text).toContain(entry);
  });

  it('as raw output over several lines (env in a log), in text and in line records', () => {
    const lines = `before\n${entry}\nafter`.split('\n');
    const text = redactText(lines.join('\n'));
    for (const secret of secrets) expect(text).not.toContain(secret);
    const records = redactValue({ lines: lines.map((line) => ({ stream: 'stdout', text: line })) });
    for (const secret of secrets) expect(JSON.stringify(records)).not.toContain(secret);
    expect(records.lines.map((line) => line.stream)).toEqual(lines.map(() => 'stdout'));
    expect(records.lines.at(-1)?.text).toBe('after');
  });
});

describe('labels and documents', () => {
  const labels = Object.fromEntries(LABEL_CASES.map((c) => [c.key, c.value]));
  const document = { Config: { Env: ENV_CASES.map((c) => c.entry), Labels: labels } };

  it('hides every secret in structured content, keeping keys and harmless values', () => {
    const redacted = redactValue(document);
    expect(leaks(JSON.stringify(redacted))).toEqual([]);
    expect(redacted.Config.Env).toEqual(ENV_CASES.map((c) => c.shown));
    for (const { key, value, secret } of LABEL_CASES)
      expect(redacted.Config.Labels[key]).toBe(secret ? '***' : value);
  });

  it('hides them in JSON text (full: true) and in key=value lines', () => {
    expect(leaks(redactText(JSON.stringify(document, null, 1)))).toEqual([]);
    expect(leaks(redactText(JSON.stringify(document)))).toEqual([]);
    const lines = LABEL_CASES.map((c) => `  ${c.key}=${c.value}`).join('\n');
    expect(leaks(redactText(`Labels:\n${lines}`))).toEqual([]);
    expect(redactText(`Labels:\n${lines}`)).toContain('owner=team-visible');
  });

  it('hides command-line options, bearer tokens and header values, and keeps prose', () => {
    expect(redactText('mysqld --user=mysql --password=pw-secret --port=3306')).toBe(
      'mysqld --user=mysql --password=***',
    );
    expect(
      redactText('curl -H "Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123"'),
    ).not.toMatch(/abcdefghij/);
    expect(redactText('Next: start it first (container_start).')).toBe(
      'Next: start it first (container_start).',
    );
    expect(redactText('https://host:8080/path?a=b and ftp://anonymous@host/')).toBe(
      'https://host:8080/path?a=b and ftp://anonymous@host/',
    );
  });

  it('redacts the text, the data and text blocks of an answer', () => {
    const answer = redactAnswer({
      text: 'MY_KEY=1',
      data: { env: ['MY_KEY=1'], labels: { 'x.token': 't' }, token_count: 3 },
      content: [{ type: 'text', text: 'MY_KEY=1' }],
    });
    expect(answer).toEqual({
      text: 'MY_KEY=***',
      data: { env: ['MY_KEY=***'], labels: { 'x.token': '***' }, token_count: 3 },
      content: [{ type: 'text', text: 'MY_KEY=***' }],
    });
  });
});

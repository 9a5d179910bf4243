import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/safety/confirm/canonical.js';
import { parseConfirmMode } from '../../src/cli/confirm-flags.js';
import { guardOf } from '../../src/safety/confirm/mode.js';
import type { Effects } from '../../src/mcp/effects.js';
import { TokenBook, type Binding } from '../../src/safety/confirm/token.js';

const SECRET = Buffer.from('a test secret of enough length');
const binding: Binding = {
  tool: 'container_stop',
  args: { id: 'web', t: 5 },
  session: 'session-1',
  state: { id: 'abc', status: 'running' },
};

function book(clock = { now: 1_000_000 }, ttlMs = 60_000) {
  return { clock, book: new TokenBook(SECRET, ttlMs, () => clock.now) };
}

describe('confirmation tokens', () => {
  it('confirm the call they were issued for, once', () => {
    const { book: tokens } = book();
    const { token, expiresAt } = tokens.issue(binding);
    expect(expiresAt).toBe(1_060_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{75}$/);
    expect(tokens.redeem(token, binding)).toEqual({ ok: true });
    expect(tokens.redeem(token, binding)).toMatchObject({ ok: false, reason: 'used' });
  });

  it('bind the arguments canonically: key order does not matter, values do', () => {
    const { book: tokens } = book();
    const { token } = tokens.issue(binding);
    expect(tokens.redeem(token, { ...binding, args: { id: 'web', t: 6 } })).toMatchObject({
      reason: 'other_arguments',
    });
    expect(tokens.redeem(token, { ...binding, args: { t: 5, id: 'web' } })).toEqual({ ok: true });
  });

  it.each([
    ['other_tool', { tool: 'container_kill' }],
    ['other_session', { session: 'session-2' }],
    ['other_session', { session: undefined }],
    ['state_changed', { state: { id: 'abc', status: 'exited' } }],
  ] as const)('refuse a token for %s', (reason, change) => {
    const { book: tokens } = book();
    const { token } = tokens.issue(binding);
    const refused = tokens.redeem(token, { ...binding, ...change });
    expect(refused).toMatchObject({ ok: false, reason });
    // A refused token is not used up: the right call still goes through.
    expect(tokens.redeem(token, binding)).toEqual({ ok: true });
  });

  it('expire after the TTL', () => {
    const { clock, book: tokens } = book();
    const { token } = tokens.issue(binding);
    clock.now += 60_000;
    const { token: fresh } = tokens.issue(binding);
    clock.now += 1;
    expect(tokens.redeem(token, binding)).toMatchObject({ ok: false, reason: 'expired' });
    expect(tokens.redeem(fresh, binding)).toEqual({ ok: true });
  });

  it('cannot be forged, altered or taken from another secret', () => {
    const { book: tokens } = book();
    const { token } = tokens.issue(binding);
    const raw = Buffer.from(token, 'base64url');
    raw.writeUIntBE(raw.readUIntBE(1, 6) + 3_600_000, 1, 6); // a longer life
    expect(tokens.redeem(raw.toString('base64url'), binding)).toMatchObject({ reason: 'forged' });
    const other = new TokenBook(Buffer.from('another secret of enough length'), 60_000);
    expect(tokens.redeem(other.issue(binding).token, binding)).toMatchObject({
      reason: 'forged',
    });
    for (const junk of ['', 'yes', 'a'.repeat(75), `${token}=`, token.slice(1)])
      expect(tokens.redeem(junk, binding), junk).toMatchObject({ ok: false });
  });

  it('work across processes that share a secret', () => {
    const first = new TokenBook(SECRET, 60_000);
    const second = new TokenBook(SECRET, 60_000);
    expect(second.redeem(first.issue(binding).token, binding)).toEqual({ ok: true });
  });
});

describe('which tools are guarded', () => {
  const names = ['container_stop', 'container_start', 'container_list'];
  const one = { one: 'id' } as const;
  const tool = (name: string, effects: Effects) => ({ name, effects });
  const stop = tool('container_stop', { always: ['container-state', 'destroys'], targets: one });
  const start = tool('container_start', { always: ['container-state'], targets: one });
  const list = tool('container_list', { always: [], targets: { matching: 'filters' } });

  it.each([
    ['destructive', [true, false, false]],
    ['write', [true, true, false]],
    ['none', [false, false, false]],
    ['container_start, container_list', [false, true, true]],
  ] as const)('--confirm %s', (value, expected) => {
    const parsed = parseConfirmMode(value, names);
    if (!parsed.ok) throw new Error('not parsed');
    expect([stop, start, list].map((t) => guardOf(parsed.mode, t, {}) === 'yes')).toEqual(expected);
  });

  it('refuses unknown names and empty lists', () => {
    expect(parseConfirmMode('container_stpo', names)).toEqual({
      ok: false,
      unknown: 'container_stpo',
    });
    expect(parseConfirmMode(' , ', names)).toEqual({ ok: false, unknown: '' });
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: [{ d: 1, c: undefined, a: 2 }], a: null })).toBe(
      '{"a":null,"b":[{"a":2,"d":1}]}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });
});

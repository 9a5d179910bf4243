import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/safety/confirm/canonical.js';
import { parseConfirmMode } from '../../src/cli/confirm-flags.js';
import { guardOf } from '../../src/safety/confirm/mode.js';
import type { Effects } from '../../src/mcp/effects.js';
import { DirectoryStore } from '../../src/safety/confirm/redeemed.js';
import { TokenBook, type Binding } from '../../src/safety/confirm/token.js';

const SECRET = Buffer.from('a test secret of enough length');
const binding: Binding = {
  tool: 'container_stop',
  args: { id: 'web', t: 5 },
  engine: 'prod',
  principal: 'bearer:token-1',
  state: { id: 'abc', status: 'running' },
};

function book(clock = { now: 1_000_000 }, ttlMs = 60_000) {
  return { clock, book: new TokenBook(SECRET, ttlMs, { now: () => clock.now }) };
}

describe('confirmation tokens', () => {
  it('confirm the call they were issued for, once', () => {
    const { book: tokens } = book();
    const { token, expiresAt } = tokens.issue(binding);
    expect(expiresAt).toBe(1_060_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{83}$/);
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
    ['other_engine', { engine: 'dev' }],
    ['other_engine', { engine: '' }],
    ['other_principal', { principal: 'bearer:token-2' }],
    ['other_principal', { principal: '' }],
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

describe('redeemed tokens shared by processes (a directory store)', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cmcp-redeemed-')), 'store');
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dirname(dir), { recursive: true, force: true });
  });
  const shared = (dir: string, now = Date.now) =>
    new TokenBook(SECRET, 60_000, { origin: 'secret', store: new DirectoryStore(dir), now });

  it('single use holds across books (processes) that share the secret and the directory', () => {
    const dir = fresh();
    const [issuer, first, second] = [shared(dir), shared(dir), shared(dir)];
    const { token } = issuer.issue(binding);
    expect(first.redeem(token, binding)).toEqual({ ok: true });
    expect(second.redeem(token, binding)).toMatchObject({ ok: false, reason: 'used' });
    expect(issuer.redeem(token, binding)).toMatchObject({ ok: false, reason: 'used' });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('gives one claim to one caller, however many race for it', () => {
    const store = new DirectoryStore(fresh());
    const others = Array.from({ length: 5 }, () => new DirectoryStore(store.directory));
    const now = Date.now();
    const wins = [store, ...others].filter((s) => s.claim('abc', now + 1000, now));
    expect(wins).toHaveLength(1);
  });

  it('sweeps claims once they expire', () => {
    const dir = fresh();
    const store = new DirectoryStore(dir);
    const now = Date.now();
    expect(store.claim('old', now - 1, now - 120_000)).toBe(true);
    expect(store.claim('new', now + 60_000, now)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([`${now + 60_000}-new`]);
  });

  it('fails closed when the directory can be written by others or is not one', () => {
    const open = fresh();
    mkdirSync(open, { recursive: true });
    chmodSync(open, 0o777);
    const book = shared(open);
    const refused = book.redeem(book.issue(binding).token, binding);
    expect(refused).toMatchObject({ ok: false, reason: 'unrecorded' });
    expect(refused.ok ? '' : refused.message).toMatch(/can be written by other users/);
    const link = fresh();
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(tmpdir(), link);
    expect(new DirectoryStore(link).has.bind(new DirectoryStore(link), 'x', 1)).toThrow(
      /not a directory/,
    );
  });

  it('explains a token signed with another key: the likely cause and the fix', () => {
    const own = new TokenBook(Buffer.from('one random key of this process'), 60_000);
    const other = new TokenBook(Buffer.from('another random key of a process'), 60_000);
    const refused = own.redeem(other.issue(binding).token, binding);
    expect(refused.ok ? '' : refused.message).toMatch(
      /not issued by this server process .*could not keep a key .*CONTAINER_MCP_CONFIRM_SECRET/,
    );
    const user = new TokenBook(Buffer.from('this user key of enough length'), 60_000, {
      origin: 'user',
    });
    const fromElsewhere = user.redeem(other.issue(binding).token, binding);
    expect(fromElsewhere.ok ? '' : fromElsewhere.message).toMatch(
      /another user or on another machine.*CONTAINER_MCP_CONFIRM_SECRET/,
    );
    const sharing = new TokenBook(SECRET, 60_000, { origin: 'secret' });
    const wrongSecret = sharing.redeem(other.issue(binding).token, binding);
    expect(wrongSecret.ok ? '' : wrongSecret.message).toMatch(
      /not issued with this server's secret/,
    );
  });
});

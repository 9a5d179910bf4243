/**
 * One-time confirmations, signed by the server: HMAC-SHA256 over what one is for (the tool,
 * its arguments as given, the engine, the caller, the preview's state) and when it expires.
 * Two kinds share the layout: the `confirm` token a model repeats a call with (a client that
 * cannot ask the person), and the `requestState` of a multi round-trip request (the client
 * asked the person and repeats the call with the answer). Neither can be forged or guessed
 * without the key, one kind is never accepted as the other, and each is redeemed at most
 * once: the store of redeemed ones (./redeemed.ts) is this process's memory, or a directory
 * that the processes sharing a key share.
 *
 * Layout (base64url, 83 characters): kind | expiry (ms, 6 bytes) | nonce (9) | digests of
 * tool, arguments, engine, principal and state (6 each) | MAC (16). The digests are keyed
 * too; they only let a refusal say which binding differs, the MAC is what protects them.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical.js';
import { MemoryStore, type RedeemedStore } from './redeemed.js';

export interface Binding {
  tool: string;
  /** The call's arguments as given, without `confirm` and `engine`. */
  args: unknown;
  /** The engine the call runs on (its name; '' with one engine). */
  engine: string;
  /** Who calls: the bearer token's identity, the 2025 session ('' on stdio). */
  principal: string;
  /** Preview.state: what the engine looked like when the preview was made. */
  state: unknown;
}

/** A token the model repeats a call with, or the state of a round that asked the person. */
export type Kind = 'token' | 'state';
const KINDS: Record<Kind, number> = { token: 2, state: 3 };

export interface Issued {
  token: string;
  expiresAt: number;
}

export type Refusal =
  | 'malformed'
  | 'forged'
  | 'other_kind'
  | 'other_tool'
  | 'other_engine'
  | 'other_principal'
  | 'other_arguments'
  | 'expired'
  | 'used'
  | 'state_changed'
  | 'unrecorded';

export type Redeemed = { ok: true } | { ok: false; reason: Refusal; message: string };

const NONCE = 9;
const DIGEST = 6;
const MAC = 16;
const FIELDS = ['tool', 'args', 'engine', 'principal', 'state'] as const;
const HEAD = 1 + 6 + NONCE;
const BODY = HEAD + FIELDS.length * DIGEST;
const LENGTH = BODY + MAC;

const MISMATCH = {
  tool: 'other_tool',
  args: 'other_arguments',
  engine: 'other_engine',
  principal: 'other_principal',
} as const;

const MESSAGES: Record<Exclude<Refusal, 'expired' | 'forged' | 'unrecorded'>, string> = {
  malformed: 'it is not a confirmation token (copy the token exactly as it was given)',
  other_kind:
    "it is a confirmation of another kind (a token is repeated as `confirm` by the model; a request state comes back from the client with the person's answer)",
  other_tool: 'it was issued for another tool',
  other_engine: 'it was issued for the same call on another engine',
  other_principal: 'it was issued to another client (another session or bearer token)',
  other_arguments:
    'it was issued for other arguments (repeat the call with exactly the same arguments plus confirm)',
  used: 'it was already used (a confirmation allows one call)',
  state_changed: 'what the call would do has changed since the preview',
};

/** Where the signing key comes from: it decides who else can verify a token. */
export type KeyOrigin = 'secret' | 'user' | 'process';

/**
 * A token this process cannot verify. Most often it is real but another process issued it
 * with another key: one on another machine or of another user, a restart of a process that
 * could not keep a key, or a secret that differs. The refusal says so, and the fix.
 */
const FORGED: Record<KeyOrigin, string> = {
  secret:
    "it was not issued with this server's secret (or was altered): every server process that should accept it needs the same CONTAINER_MCP_CONFIRM_SECRET or --confirm-secret",
  user: "it was not signed with this user's confirmation key (or was altered): it comes from a server of another user or on another machine. Processes on several machines need the same CONTAINER_MCP_CONFIRM_SECRET (16 characters or more)",
  process:
    'it was not issued by this server process (or was altered): this process could not keep a key in the confirmation store and signs with its own, so no other process verifies its tokens. Set CONTAINER_MCP_CONFIRM_SECRET (16 characters or more) to share one',
};

export interface TokenBookOptions {
  /** Where the key comes from (default: this process alone). */
  origin?: KeyOrigin;
  /** Where redeemed tokens are recorded (default: this process's memory). */
  store?: RedeemedStore;
  now?: () => number;
}

export class TokenBook {
  private readonly store: RedeemedStore;
  private readonly origin: KeyOrigin;
  private readonly now: () => number;

  constructor(
    private readonly secret: Buffer,
    private readonly ttlMs: number,
    options: TokenBookOptions = {},
  ) {
    this.store = options.store ?? new MemoryStore();
    this.origin = options.origin ?? 'process';
    this.now = options.now ?? Date.now;
  }

  issue(binding: Binding, kind: Kind = 'token', ttlMs = this.ttlMs): Issued {
    const expiresAt = this.now() + ttlMs;
    const body = Buffer.alloc(BODY);
    body.writeUInt8(KINDS[kind], 0);
    body.writeUIntBE(expiresAt, 1, 6);
    randomBytes(NONCE).copy(body, 7);
    FIELDS.forEach((field, index) => this.digest(field, binding).copy(body, HEAD + index * DIGEST));
    const token = Buffer.concat([body, this.mac(body)]).toString('base64url');
    return { token, expiresAt };
  }

  /**
   * Check a token against the call it is meant to confirm; a good one is used up. `check`
   * stops before the state and the claim: a round whose answer is not read yet.
   */
  redeem(token: string, binding: Binding, kind: Kind = 'token', check = false): Redeemed {
    const raw = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url') : Buffer.alloc(0);
    const version = raw.length === LENGTH ? raw.readUInt8(0) : undefined;
    if (version === undefined || !Object.values(KINDS).includes(version))
      return refuse('malformed');
    const body = raw.subarray(0, BODY);
    if (!timingSafeEqual(raw.subarray(BODY), this.mac(body)))
      return {
        ok: false,
        reason: 'forged',
        message: FORGED[this.origin],
      };
    if (version !== KINDS[kind]) return refuse('other_kind');
    for (const [index, field] of FIELDS.entries()) {
      if (field === 'state') continue;
      const at = HEAD + index * DIGEST;
      if (!timingSafeEqual(body.subarray(at, at + DIGEST), this.digest(field, binding)))
        return refuse(MISMATCH[field]);
    }
    const expiresAt = body.readUIntBE(1, 6);
    const now = this.now();
    if (now > expiresAt) {
      const ago = Math.ceil((now - expiresAt) / 1000);
      return { ok: false, reason: 'expired', message: `it expired ${ago} s ago` };
    }
    const nonce = body.subarray(7, HEAD).toString('hex');
    try {
      if (this.store.has(nonce, expiresAt)) return refuse('used');
      if (check) return { ok: true };
      const stateAt = HEAD + FIELDS.indexOf('state') * DIGEST;
      if (!timingSafeEqual(body.subarray(stateAt, stateAt + DIGEST), this.digest('state', binding)))
        return refuse('state_changed');
      // The claim is the atomic step: of two calls racing with one token, one gets false.
      return this.store.claim(nonce, expiresAt, now) ? { ok: true } : refuse('used');
    } catch (error) {
      // Fail closed: a token whose use cannot be recorded could be used again.
      const why = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        reason: 'unrecorded',
        message: `its use could not be recorded (${why}); fix the directory or set --confirm-store`,
      };
    }
  }

  private digest(field: (typeof FIELDS)[number], binding: Binding): Buffer {
    const value =
      field === 'engine' || field === 'principal' ? binding[field] : canonicalJson(binding[field]);
    return createHmac('sha256', this.secret)
      .update(`${field}\0${value}`)
      .digest()
      .subarray(0, DIGEST);
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(body).digest().subarray(0, MAC);
  }
}

function refuse(reason: Exclude<Refusal, 'expired' | 'forged' | 'unrecorded'>): Redeemed {
  return { ok: false, reason, message: MESSAGES[reason] };
}

/**
 * One-time confirmation tokens: HMAC-SHA256 over what the token is for (the tool, its
 * arguments, the session, the preview's state) and when it expires. A token cannot be
 * forged or guessed without the secret, and each one is redeemed at most once: the store of
 * redeemed tokens (./redeemed.ts) is this process's memory, or a directory that the
 * processes sharing a secret share.
 *
 * Layout (base64url, 75 characters): version | expiry (ms, 6 bytes) | nonce (9) | digests of
 * tool, arguments, session and state (6 each) | MAC (16). The digests are keyed too; they
 * only let a refusal say which binding differs, the MAC is what protects them.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical.js';
import { MemoryStore, type RedeemedStore } from './redeemed.js';

export interface Binding {
  tool: string;
  /** The call's arguments without `confirm`. */
  args: unknown;
  session: string | undefined;
  /** Preview.state: what the engine looked like when the preview was made. */
  state: unknown;
}

export interface Issued {
  token: string;
  expiresAt: number;
}

export type Refusal =
  | 'malformed'
  | 'forged'
  | 'other_tool'
  | 'other_session'
  | 'other_arguments'
  | 'expired'
  | 'used'
  | 'state_changed'
  | 'unrecorded';

export type Redeemed = { ok: true } | { ok: false; reason: Refusal; message: string };

const VERSION = 1;
const NONCE = 9;
const DIGEST = 6;
const MAC = 16;
const FIELDS = ['tool', 'args', 'session', 'state'] as const;
const HEAD = 1 + 6 + NONCE;
const BODY = HEAD + FIELDS.length * DIGEST;
const LENGTH = BODY + MAC;

const MISMATCH = {
  tool: 'other_tool',
  args: 'other_arguments',
  session: 'other_session',
} as const;

const MESSAGES: Record<Exclude<Refusal, 'expired' | 'forged' | 'unrecorded'>, string> = {
  malformed: 'it is not a confirmation token (copy the token exactly as it was given)',
  other_tool: 'it was issued for another tool',
  other_session: 'it was issued in another session',
  other_arguments:
    'it was issued for other arguments (repeat the call with exactly the same arguments plus confirm)',
  used: 'it was already used (a token confirms one call)',
  state_changed: 'what the call would do has changed since the preview',
};

/**
 * A token this process cannot verify. Most often it is real but another process issued it:
 * a client that starts a new server for every call (the Inspector CLI, mcporter), several
 * servers behind a load balancer, or a restart. The refusal says so, and the fix.
 */
const FORGED = {
  ownKey:
    'it was not issued by this server process (or was altered). The likely cause: the client starts a new server for each call (the Inspector CLI, mcporter), or several servers or a restart are involved; each process signs with its own random key unless every one is started with the same CONTAINER_MCP_CONFIRM_SECRET (16 characters or more). The new token below works with this process',
  sharedKey:
    "it was not issued with this server's secret (or was altered): every server process that should accept it needs the same CONTAINER_MCP_CONFIRM_SECRET or --confirm-secret",
};

export interface TokenBookOptions {
  /** The secret was given (shared by processes), not drawn at random by this one. */
  shared?: boolean;
  /** Where redeemed tokens are recorded (default: this process's memory). */
  store?: RedeemedStore;
  now?: () => number;
}

export class TokenBook {
  private readonly store: RedeemedStore;
  private readonly shared: boolean;
  private readonly now: () => number;

  constructor(
    private readonly secret: Buffer,
    private readonly ttlMs: number,
    options: TokenBookOptions = {},
  ) {
    this.store = options.store ?? new MemoryStore();
    this.shared = options.shared ?? false;
    this.now = options.now ?? Date.now;
  }

  issue(binding: Binding): Issued {
    const expiresAt = this.now() + this.ttlMs;
    const body = Buffer.alloc(BODY);
    body.writeUInt8(VERSION, 0);
    body.writeUIntBE(expiresAt, 1, 6);
    randomBytes(NONCE).copy(body, 7);
    FIELDS.forEach((field, index) => this.digest(field, binding).copy(body, HEAD + index * DIGEST));
    const token = Buffer.concat([body, this.mac(body)]).toString('base64url');
    return { token, expiresAt };
  }

  /** Check a token against the call it is meant to confirm; a good one is used up. */
  redeem(token: string, binding: Binding): Redeemed {
    const raw = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url') : Buffer.alloc(0);
    if (raw.length !== LENGTH || raw.readUInt8(0) !== VERSION) return refuse('malformed');
    const body = raw.subarray(0, BODY);
    if (!timingSafeEqual(raw.subarray(BODY), this.mac(body)))
      return {
        ok: false,
        reason: 'forged',
        message: this.shared ? FORGED.sharedKey : FORGED.ownKey,
      };
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
    const value = field === 'session' ? (binding.session ?? '') : canonicalJson(binding[field]);
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

/**
 * The server's settings, resolved from flags and environment by ./cli/, read by every layer.
 * A leaf: types, defaults and the error a bad setting raises; it imports nothing of the server.
 */
import type { LogLevel } from './log.js';

/** A command line or setting the server cannot run with: exit 2 with this message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Which tools wait for a confirmation (--confirm). */
export type ConfirmMode =
  | { kind: 'destructive' }
  | { kind: 'write' }
  | { kind: 'none' }
  | { kind: 'list'; names: readonly string[] };

/** What a client that cannot ask the user gets (--confirm-fallback). */
export type ConfirmFallback = 'token' | 'deny';

export interface Config {
  /** --host: an engine URL; overrides contexts and DOCKER_HOST. */
  host?: string;
  /** --context: a Docker CLI context name. */
  context?: string;
  /** --engine NAME=ADDRESS (repeatable): several engines, the first the default. */
  engines: EngineSpec[];
  /** --api-version: pin the Engine API version instead of negotiating. */
  apiVersion?: string;
  /** --timeout: quick engine calls fail after this many ms. */
  timeoutMs: number;
  /** --idle-timeout: long engine calls fail when the engine sends nothing for this many ms. */
  idleTimeoutMs: number;
  logLevel: LogLevel;
  /** --max-file-bytes: the largest container file a resource read returns whole. */
  maxFileBytes: number;
  /**
   * --max-subscriptions: subscriptions/listen streams open at once (2026-07-28 clients), per
   * stdio connection or across HTTP clients.
   */
  maxSubscriptions: number;
  /** --export-dir: the only directory (resolved, real path) where save_to may write. */
  exportDir?: string;
  /** The Streamable HTTP transport; stdio when `listen` is absent. */
  http: HttpConfig;
  /** Which tools exist, which containers are in scope, what create may ask for. */
  policy: PolicyConfig;
  /** Which calls wait for a confirmation, and how they get one (src/safety/confirm/). */
  confirm: ConfirmConfig;
  /** --audit-log: the file (absolute) that gets a JSON line per state-changing call. */
  auditLog?: string;
}

export interface PolicyConfig {
  /** --read-only: only read tools are registered. */
  readOnly: boolean;
  /** --no-destructive: destructive tools are not registered. */
  noDestructive: boolean;
  /** --tools: only these tools (after the filters above); all when absent. */
  tools?: string[];
  /**
   * --toolsets: only the tools of these sets (their names, resolved from src/tools/index.ts);
   * unlike --tools, a tool another flag drops is left out without a word.
   */
  toolsets?: string[];
  /** --deny-tools: never these tools. */
  denyTools: string[];
  /** --scope-label KEY=VALUE: only containers carrying this label exist for this server. */
  scopeLabel?: { key: string; value: string };
  /** --allow-privileged: create may ask for privileged mode, host namespaces, caps, devices. */
  allowPrivileged: boolean;
  /** --allow-bind: normalized absolute host roots that create may bind-mount. */
  allowBinds: string[];
  /**
   * --allow-image: the only images pulls may fetch and creates may run (patterns, as given;
   * src/safety/policy/image-allow.ts reads them); every image when empty.
   */
  allowImages: string[];
  /** Secret-looking environment values are shown as *** (off with --no-redact). */
  redact: boolean;
}

export interface ConfirmConfig {
  /** --confirm: which tools are guarded. */
  mode: ConfirmMode;
  /** --confirm-fallback: what a client that cannot ask the user gets. */
  fallback: ConfirmFallback;
  /** --confirm-ttl: how long a confirmation token (or a question's answer) is valid. */
  ttlMs: number;
  /**
   * --confirm-secret or CONTAINER_MCP_CONFIRM_SECRET: HMAC key shared by processes on
   * several machines; without it, the user's key (safety/confirm/user-key.ts).
   */
  secret?: string;
  /**
   * --stateless over HTTP: no client to bind a token to, and no session through which a
   * 2025-era client could be asked. 'refuse': a client that cannot be asked is refused;
   * 'fallback': --confirm-fallback was given explicitly, and applies with tokens bound to no
   * client.
   */
  stateless?: 'refuse' | 'fallback';
  /**
   * --confirm-store: the directory where processes sharing the key record redeemed
   * confirmations (set by default whenever a secret is; for the user's key, its own).
   */
  store?: string;
}

export interface EngineSpec {
  name: string;
  /** unix://, tcp://, ssh:// or a Docker context name. */
  address: string;
}

export interface HttpConfig {
  /** --http [HOST:]PORT: where to listen. */
  listen?: { host: string; port: number };
  /** --token or CONTAINER_MCP_TOKEN: the bearer token clients must send. */
  token?: string;
  /** --allow-origin: browser origins allowed besides the server's own. */
  allowOrigins: string[];
  /** --allow-host: Host header names accepted besides the bound address's own. */
  allowHosts: string[];
  /** --tls-cert / --tls-key: PEM files; HTTPS when both are given. */
  tlsCert?: string;
  tlsKey?: string;
  /** --stateless: no sessions, a new server per request. */
  stateless: boolean;
  /** --session-idle: a session with no request for this long ends. */
  sessionIdleMs: number;
  /** --max-sessions: at the cap, the least recently used idle session ends. */
  maxSessions: number;
  /** --max-body: request bodies above this many bytes get 413. */
  maxBodyBytes: number;
}

/**
 * The largest JSON-RPC message the stdio transport reads (the SDK's clients cap theirs at the
 * same): a larger one gets a JSON-RPC error and the server goes on. Inputs that can be large
 * (archives, file contents) are bounded in their schemas to fit inside it.
 */
export const MAX_STDIO_MESSAGE_BYTES = 10 * 1024 * 1024;

export const DEFAULT_CONFIG: Config = {
  engines: [],
  timeoutMs: 30_000,
  idleTimeoutMs: 30_000,
  logLevel: 'info',
  maxFileBytes: 1024 * 1024,
  maxSubscriptions: 64,
  http: {
    allowOrigins: [],
    allowHosts: [],
    stateless: false,
    sessionIdleMs: 30 * 60_000,
    maxSessions: 100,
    maxBodyBytes: 4 * 1024 * 1024,
  },
  policy: {
    readOnly: false,
    noDestructive: false,
    denyTools: [],
    allowPrivileged: false,
    allowBinds: [],
    allowImages: [],
    redact: true,
  },
  confirm: { mode: { kind: 'destructive' }, fallback: 'token', ttlMs: 300_000 },
};

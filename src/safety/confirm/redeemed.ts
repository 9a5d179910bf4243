/**
 * Which confirmation tokens were redeemed: what makes a token single-use.
 *
 * With a per-process key, only this process can have issued a token, so it remembers the
 * redeemed ones in memory. With a shared key (--confirm-secret), a token may come back to
 * any process that shares the key: a CLI that starts a new server per call, or several
 * servers behind a load balancer. A process cannot know what another one redeemed, and the
 * preview's state binding does not always change after the call (a kill with a signal the
 * process ignores leaves the same state), so those processes share a store instead: a
 * directory where redeeming a token creates a file named after it with O_CREAT|O_EXCL. The
 * file system makes the claim atomic, so of two processes racing with the same token one
 * wins and the other is told it was used. A directory on a shared file system serves
 * processes on several machines.
 */
import { createHmac } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface RedeemedStore {
  /** Whether this token was redeemed already. */
  has(nonce: string, expiresAt: number): boolean;
  /**
   * Mark it redeemed; false when another call (here or in another process) already did.
   * Throws when the store cannot be written: the caller must not treat that as a yes.
   */
  claim(nonce: string, expiresAt: number, now: number): boolean;
}

/** One process's memory: enough when the key is this process's own. */
export class MemoryStore implements RedeemedStore {
  private readonly used = new Map<string, number>();

  has(nonce: string): boolean {
    return this.used.has(nonce);
  }

  claim(nonce: string, expiresAt: number, now: number): boolean {
    for (const [key, expiry] of this.used) if (expiry < now) this.used.delete(key);
    if (this.used.has(nonce)) return false;
    this.used.set(nonce, expiresAt);
    return true;
  }
}

/** Expired entries are swept at most this often. */
const SWEEP_MS = 60_000;

/** A directory of empty files, one per redeemed token, shared by the processes that use it. */
export class DirectoryStore implements RedeemedStore {
  private ready = false;
  private lastSweep = 0;

  constructor(readonly directory: string) {}

  has(nonce: string, expiresAt: number): boolean {
    this.prepare();
    try {
      lstatSync(this.fileOf(nonce, expiresAt));
      return true;
    } catch (error) {
      if (isCode(error, 'ENOENT')) return false;
      throw error;
    }
  }

  claim(nonce: string, expiresAt: number, now: number): boolean {
    this.prepare();
    this.sweep(now);
    try {
      writeFileSync(this.fileOf(nonce, expiresAt), '', { flag: 'wx', mode: 0o600 });
      return true;
    } catch (error) {
      if (isCode(error, 'EEXIST')) return false;
      throw error;
    }
  }

  /** The expiry leads the name, so a sweep reads it without opening anything. */
  private fileOf(nonce: string, expiresAt: number): string {
    return join(this.directory, `${expiresAt}-${nonce}`);
  }

  /** A directory that others can write to would let them delete a claim and replay a token. */
  private prepare(): void {
    if (this.ready) return;
    privateDirectory(this.directory);
    this.ready = true;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_MS) return;
    this.lastSweep = now;
    for (const name of readdirSync(this.directory)) {
      const expiresAt = Number(name.split('-')[0]);
      if (!Number.isFinite(expiresAt) || expiresAt >= now) continue;
      try {
        unlinkSync(join(this.directory, name));
      } catch {
        // another process swept it first
      }
    }
  }
}

/** Where a user's confirmation key and stores live: the runtime directory, or ~/.cache. */
export function confirmationBase(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_RUNTIME_DIR || join(homedir(), '.cache'), 'container-mcp');
}

/**
 * The default directory for processes sharing `secret` (the given one, or the user's key):
 * named by a digest of the secret, so that servers with other secrets keep apart and the
 * name reveals nothing of the secret.
 */
export function defaultStoreDirectory(secret: Buffer, env: NodeJS.ProcessEnv): string {
  const digest = createHmac('sha256', secret).update('redeemed tokens').digest('hex').slice(0, 16);
  return join(confirmationBase(env), `confirm-${digest}`);
}

/**
 * Create a directory for this user alone, or check that the one there is: not a link, this
 * user's, and writable by no one else.
 */
export function privateDirectory(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const stat = lstatSync(directory);
  const uid = process.getuid?.();
  if (!stat.isDirectory())
    throw new Error(`${directory} is not a directory (it may be a symbolic link)`);
  if (uid !== undefined && stat.uid !== uid)
    throw new Error(`${directory} belongs to another user (uid ${stat.uid})`);
  if ((stat.mode & 0o022) !== 0)
    throw new Error(`${directory} can be written by other users: chmod 700 it`);
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

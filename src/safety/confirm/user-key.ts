/**
 * The user's confirmation key: 32 random bytes in a file of the confirmation store
 * (`$XDG_RUNTIME_DIR/container-mcp/confirm.key`, or under ~/.cache), created on first use
 * with mode 0600 and never printed. Every server process of this user on this machine signs
 * with it, so a confirmation issued by one is accepted by the next: CLIs that start a server
 * per call (the Inspector CLI, mcporter), several processes behind a load balancer. An
 * explicit --confirm-secret still wins.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { confirmationBase, privateDirectory } from './redeemed.js';

const KEY_BYTES = 32;
const FILE = 'confirm.key';

/** The key, created if this is the first use; throws when the file cannot be trusted. */
export function userKey(env: NodeJS.ProcessEnv): Buffer {
  const base = confirmationBase(env);
  privateDirectory(base);
  const file = join(base, FILE);
  return readKey(file) ?? createKey(file);
}

/**
 * Written under a temporary name and linked into place: link() fails when the name exists,
 * so of two processes starting at once one key wins, and nobody reads a half-written file.
 */
function createKey(file: string): Buffer {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const key = readKey(file);
  if (!key) throw new Error(`${file} vanished as it was created`);
  return key;
}

/** The key in `file`, undefined when there is none; a file others could read is refused. */
function readKey(file: string): Buffer | undefined {
  let stat;
  try {
    stat = lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const uid = process.getuid?.();
  if (!stat.isFile()) throw new Error(`${file} is not a regular file (it may be a symbolic link)`);
  if (uid !== undefined && stat.uid !== uid)
    throw new Error(`${file} belongs to another user (uid ${stat.uid})`);
  if ((stat.mode & 0o077) !== 0)
    throw new Error(`${file} can be read or written by other users: chmod 600 it`);
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES)
    throw new Error(`${file} is not a key of ${KEY_BYTES} bytes: remove it to have a new one made`);
  return key;
}

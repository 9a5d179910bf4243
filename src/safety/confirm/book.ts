/**
 * The one TokenBook of a process (per configuration), made on the first guarded call: a
 * server that never confirms anything touches no file. Its key: --confirm-secret (or
 * CONTAINER_MCP_CONFIRM_SECRET) when given; else the user's key (./user-key.ts), so that
 * this user's processes on this machine accept each other's confirmations; else, when that
 * file cannot be trusted, a random key of this process (said once on stderr). With a key
 * other processes hold, redeemed confirmations go to a directory they share, so each one is
 * used once across them.
 */
import { randomBytes } from 'node:crypto';
import type { ConfirmConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import { DirectoryStore, defaultStoreDirectory } from './redeemed.js';
import { TokenBook, type KeyOrigin } from './token.js';
import { userKey } from './user-key.js';

const books = new WeakMap<ConfirmConfig, TokenBook>();

export function bookFor(
  config: ConfirmConfig,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): TokenBook {
  let book = books.get(config);
  if (!book) {
    const { key, origin } = keyFor(config, log, env);
    const directory =
      origin === 'process' ? undefined : (config.store ?? defaultStoreDirectory(key, env));
    book = new TokenBook(key, config.ttlMs, {
      origin,
      ...(directory !== undefined && { store: new DirectoryStore(directory) }),
    });
    books.set(config, book);
  }
  return book;
}

function keyFor(
  config: ConfirmConfig,
  log: Logger,
  env: NodeJS.ProcessEnv,
): { key: Buffer; origin: KeyOrigin } {
  if (config.secret !== undefined) return { key: Buffer.from(config.secret), origin: 'secret' };
  try {
    return { key: userKey(env), origin: 'user' };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    log.warn(
      `confirmation key: ${why}; this process signs with its own key, so no other process accepts its confirmations`,
    );
    return { key: randomBytes(32), origin: 'process' };
  }
}

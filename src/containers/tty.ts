/** TTY inputs as tools take them: a size within what a terminal has (resize, exec), detach keys. */
import { z } from 'zod';
import { advertiseAs } from '../mcp/brief.js';

/** Larger than any real terminal; beyond this a value is a mistake, not a window. */
const MAX_TTY_SIZE = 1000;

export const ttyDimension = (what: string) =>
  z.number().int().min(1).max(MAX_TTY_SIZE).describe(`The TTY's ${what}`);

/** A detach key sequence: "ctrl-p,ctrl-q", "a", "ctrl-@". */
const DETACH_KEY = '(?:[a-zA-Z]|ctrl-[a-z@^[,_])';

/** The keys that detach an attached session (start and attach take them). */
export const detachKeysInput = advertiseAs(
  z
    .string()
    .max(100)
    .regex(
      new RegExp(`^${DETACH_KEY}(?:,${DETACH_KEY})*$`),
      'must be comma-separated keys, each a letter or ctrl-<a-z, @, ^, [, , or _>, e.g. "ctrl-p,ctrl-q"',
    ),
  z.string().max(100),
)
  .optional()
  .describe('Key sequence that detaches (default "ctrl-p,ctrl-q")');

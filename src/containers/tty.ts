/** A TTY's size as tools take it (resize, exec): rows and columns within what a terminal has. */
import { z } from 'zod';

/** Larger than any real terminal; beyond this a value is a mistake, not a window. */
const MAX_TTY_SIZE = 1000;

export const ttyDimension = (what: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(MAX_TTY_SIZE)
    .describe(`The TTY's ${what}, from 1 to ${MAX_TTY_SIZE}`);

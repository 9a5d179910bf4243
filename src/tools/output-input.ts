/** Input fields of the tools that answer with a container's output (logs, attach). */
import { z } from 'zod';

/** A model reads 16 KiB comfortably; more only when asked. */
export const DEFAULT_OUTPUT_BYTES = 16 * 1024;
export const MAX_OUTPUT_BYTES = 1024 * 1024;

/** The byte cap of an answer's output: `what` says what it caps, `more` how it cuts. */
export function outputBytesInput(what: string, more = '') {
  return z
    .number()
    .int()
    .min(1024)
    .max(MAX_OUTPUT_BYTES)
    .default(DEFAULT_OUTPUT_BYTES)
    .describe(`${what} (default ${DEFAULT_OUTPUT_BYTES}, at most ${MAX_OUTPUT_BYTES})${more}`);
}

export const keepAnsiInput = z
  .boolean()
  .default(false)
  .describe('Keep ANSI colour and cursor codes (default: stripped to plain text)');

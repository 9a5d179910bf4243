/**
 * Input for a process's stdin (attach, exec): text or base64, as the caller gives it, and
 * the bytes it stands for.
 */
import { z } from 'zod';

/** Input is typed or pasted by a model: a page or two, not a file upload. */
const MAX_INPUT_CHARS = 256 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export type InputEncoding = 'text' | 'base64';

export function stdinInput(description: string) {
  return z.string().max(MAX_INPUT_CHARS).optional().describe(description);
}

export const inputEncodingInput = z
  .enum(['text', 'base64'])
  .default('text')
  .describe('"text" (default) or "base64"');

/** Why `input` is refused, or undefined: base64 that is not valid base64 (Buffer would guess). */
export function inputProblem(input: string | undefined, encoding: InputEncoding) {
  if (input === undefined || encoding !== 'base64' || BASE64.test(input)) return undefined;
  return 'is not valid base64 (A-Z a-z 0-9 + /, padded with = to a multiple of 4 characters); use input_encoding "text" for plain text';
}

export function inputBytes(input: string | undefined, encoding: InputEncoding): Buffer | undefined {
  if (input === undefined) return undefined;
  return Buffer.from(input, encoding === 'base64' ? 'base64' : 'utf8');
}

/** Said when the engine refused the input (SessionResult.inputRefused), in text and data. */
export const INPUT_REFUSED =
  'The engine closed the connection as the input went out (the process had ended): the input did not arrive, and the end of the output may be missing.';

/** The structured form's field for it, in attach's and exec's output schemas. */
export const inputRefusedOutput = z.literal(true).optional().describe(INPUT_REFUSED);

/**
 * A tool's input without some arguments (a policy forbids what they do), its cross-field
 * checks kept: zod's own `.omit()` refuses objects that carry refinements. A call that still
 * gives one is told why it is gone (name -> reason), not that the field is unknown.
 */
import { z } from 'zod';
import { refuseKeys } from './validation.js';

export function withoutArguments(
  input: z.ZodObject,
  reasons: Readonly<Record<string, string>>,
): z.ZodObject {
  const names = Object.keys(reasons);
  if (names.length === 0) return input;
  const shape: Record<string, z.ZodType> = { ...(input.shape as Record<string, z.ZodType>) };
  for (const name of names) delete shape[name];
  const narrowed = z
    .strictObject(shape)
    .check(...((input._zod.def.checks ?? []) as z.core.$ZodCheck<Record<string, unknown>>[]));
  const description = input.description;
  return refuseKeys(description === undefined ? narrowed : narrowed.describe(description), reasons);
}

/**
 * A tool's input without some arguments (a policy forbids what they do), its cross-field
 * checks kept: zod's own `.omit()` refuses objects that carry refinements.
 */
import { z } from 'zod';

export function withoutArguments(input: z.ZodObject, names: readonly string[]): z.ZodObject {
  if (names.length === 0) return input;
  const shape: Record<string, z.ZodType> = { ...(input.shape as Record<string, z.ZodType>) };
  for (const name of names) delete shape[name];
  const narrowed = z
    .strictObject(shape)
    .check(...((input._zod.def.checks ?? []) as z.core.$ZodCheck<Record<string, unknown>>[]));
  const description = input.description;
  return description === undefined ? narrowed : narrowed.describe(description);
}

/**
 * What tools/list shows of a schema may be briefer than what the server checks. Every model
 * turn pays for the tool definitions, and a body of 88 documented fields (container_create)
 * costs more than all the other tools together, while a model writes a handful of them. A
 * brief keeps the common fields with their full shapes and leaves the rest as an open
 * remainder with a short note; the tool's own zod schema still validates every call as
 * strictly as before (a misspelt or unknown field is refused, naming the nearest one), and the
 * policy guards still read every field. Only the advertised JSON Schema changes.
 */
import { z } from 'zod';

const BRIEFS = new WeakMap<object, z.ZodType>();

/**
 * Advertise `strict` in tools/list as the fields named in `keep`, with their full schemas
 * (a kept field that has a brief of its own is shown as that brief), other fields allowed as
 * an open remainder that `note` describes.
 */
export function advertiseBriefly<T extends z.ZodObject>(
  strict: T,
  keep: readonly (keyof T['shape'] & string)[],
  note: string,
): T {
  const shape = strict.shape as Record<string, z.ZodType>;
  const kept: Record<string, z.ZodType> = {};
  for (const name of keep) {
    const field = shape[name];
    if (field === undefined) throw new Error(`advertiseBriefly: no field ${name}`);
    kept[name] = field;
  }
  BRIEFS.set(strict, z.looseObject(kept).describe(note));
  return strict;
}

/** Advertise `strict` as `shown`: a simpler schema of the same values, for a model to read. */
export function advertiseAs<T extends z.ZodType>(strict: T, shown: z.ZodType): T {
  BRIEFS.set(strict, shown);
  return strict;
}

/**
 * The brief advertised for this schema, when it or the schema it was cloned from (zod's
 * `.describe()` and `.optional()` clone) has one; a clone's own description wins.
 */
export function briefOf(schema: object): z.ZodType | undefined {
  const own = (schema as z.ZodType).description;
  for (let node = schema as z.ZodType | undefined; node; node = parentOf(node)) {
    const brief = BRIEFS.get(node);
    if (brief === undefined) continue;
    return node === schema || own === undefined || own === node.description
      ? brief
      : brief.describe(own);
  }
  return undefined;
}

function parentOf(schema: z.ZodType): z.ZodType | undefined {
  return (schema._zod as { parent?: z.ZodType }).parent;
}

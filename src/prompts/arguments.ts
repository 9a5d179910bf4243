/** The arguments prompts share: a container (completed from the engine) and a time. */
import { z } from 'zod';
import { containerId } from '../containers/inputs.js';
import { parseInstant, TIME_FORMS } from '../containers/time-input.js';
import { completeContainerId } from '../resources/complete.js';
import type { PromptArgument } from './define.js';

export const containerArgument: PromptArgument = {
  name: 'container',
  description: 'Container name or id (completed from the engine)',
  required: true,
  schema: containerId,
  complete: (typed, ctx) => completeContainerId(ctx.engine, ctx.scope, typed),
};

export function sinceArgument(description: string): PromptArgument {
  return {
    name: 'since',
    description: `${description}: ${TIME_FORMS}`,
    required: false,
    schema: z
      .string()
      .max(64)
      // parseInstant's own words, as instantInput gives them (add a time zone, ...).
      .superRefine((value, ctx) => {
        const parsed = parseInstant(value);
        if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
      }),
  };
}

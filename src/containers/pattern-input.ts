/**
 * A line pattern as tools take it (logs' grep, a wait for a log line): checked at validation
 * with RE2 (re2js), so a pattern the server cannot run is refused naming the field, and
 * compiled again, case-insensitively when asked, where it is used.
 */
import { z } from 'zod';
import { compilePattern, type LinePattern } from '../render/output/pattern.js';

/** The pattern string; callers add `.optional().describe(...)`. */
export function patternInput() {
  return z
    .string()
    .min(1)
    .max(1000)
    .superRefine((pattern, ctx) => {
      const compiled = compilePattern(pattern);
      if ('error' in compiled)
        ctx.addIssue({
          code: 'custom',
          message: `is not a pattern RE2 accepts (${compiled.error}); e.g. "error|warn"`,
        });
    });
}

/** Checked at validation: compiling again cannot fail. */
export function linePattern(pattern: string, ignoreCase = false): LinePattern {
  const compiled = compilePattern(pattern, { ignoreCase });
  if ('error' in compiled) throw new Error(`pattern: ${compiled.error}`);
  return compiled;
}

/**
 * Patterns from callers (logs' grep) run with RE2 semantics (re2js): matching time is linear
 * in the text, whatever the pattern, so no pattern can hold the server's one thread (a
 * JavaScript RegExp such as `^(a+)+$` backtracks exponentially on "aaaa…!"). The price is
 * RE2's syntax: no backreferences and no lookaround.
 */
import { RE2JS } from 're2js';

/** What a grep needs of a pattern: a yes or no per line. */
export interface LinePattern {
  test(text: string): boolean;
}

export function compilePattern(
  source: string,
  options: { ignoreCase?: boolean } = {},
): LinePattern | { error: string } {
  try {
    const compiled = RE2JS.compile(source, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    return { test: (text) => compiled.test(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: message.replace(/^error parsing regexp: /, '') };
  }
}

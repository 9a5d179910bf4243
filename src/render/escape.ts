/**
 * Values shown inside a line of text (an answer, a confirmation preview, a listing) must
 * stay inside it: a newline in a file name or an environment value would otherwise add a
 * line that reads as the server's own ("Nothing would be overwritten"), and bidirectional
 * controls could reorder what a person reads. These become visible escapes.
 */

/**
 * Controls (C0, DEL, C1), every format character (bidi overrides and isolates, zero-width
 * marks, the byte order mark, tag characters), and the line and paragraph separators.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text on one line, every control character written as an escape (\n, \u2028). */
export function escapeControl(text: string): string {
  return text.replace(INVISIBLE, (char) => NAMED[char] ?? unicodeEscape(char));
}

/** \uXXXX for each UTF-16 unit: a character beyond U+FFFF (a tag) becomes its surrogate pair. */
function unicodeEscape(char: string): string {
  let out = '';
  for (let i = 0; i < char.length; i++)
    out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/**
 * A value as JSON (a command's argument list) with nothing hidden: JSON escapes C0 controls,
 * quotes and backslashes itself, and the rest above is escaped too. It still parses back to
 * exactly the value.
 */
export function visibleJson(value: unknown): string {
  return escapeControl(JSON.stringify(value) ?? 'undefined');
}

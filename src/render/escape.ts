/**
 * Values shown inside a line of text (an answer, a confirmation preview, a listing) must
 * stay inside it: a newline in a file name or an environment value would otherwise add a
 * line that reads as the server's own ("Nothing would be overwritten"), and bidirectional
 * controls could reorder what a person reads. These become visible escapes.
 */

/** C0 and C1 controls, DEL, line and paragraph separators, bidi and zero-width marks. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text on one line, every control character written as an escape (\n, \u2028). */
export function escapeControl(text: string): string {
  return text.replace(
    INVISIBLE,
    (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A string as a quoted, escaped literal: "a\nb". */
export function quoted(text: string): string {
  return `"${escapeControl(text.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
}

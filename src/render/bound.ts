/**
 * Bounds for text going back to a model. Every cut says what was cut and how to get the
 * rest, so a model never mistakes a truncated answer for a complete one.
 */

/** The hard ceiling of one tool answer's text: about 25,000 tokens, what clients accept. */
export const MAX_RESULT_CHARS = 90_000;

/** Cut text to `max` characters at a line boundary where possible, saying so. */
export function boundText(
  text: string,
  max: number = MAX_RESULT_CHARS,
  hint = 'narrow the request',
): string {
  if (text.length <= max) return text;
  const note = `\n… [cut: ${text.length - max} more characters; ${hint}]`;
  const room = Math.max(0, max - note.length);
  const lastBreak = text.lastIndexOf('\n', room);
  const cut = lastBreak > room * 0.8 ? lastBreak : room;
  return text.slice(0, cut) + note;
}

/** Shorten one value to `max` characters with an ellipsis, for table cells and labels. */
export function ellipsize(value: string, max: number): string {
  if (value.length <= max) return value;
  return max <= 1 ? value.slice(0, max) : `${value.slice(0, max - 1)}…`;
}

/** At most this many characters of a caller's input go back in a message. */
export const MAX_QUOTED_CHARS = 80;

/**
 * A caller's value quoted for a message ("web", "aaaa…"), cut to MAX_QUOTED_CHARS: an answer
 * never echoes a huge input back.
 */
export function quote(value: string, max: number = MAX_QUOTED_CHARS): string {
  return JSON.stringify(ellipsize(value, max));
}

/** Keep the first `max` items and say how many were left out. */
export function capItems<T>(items: readonly T[], max: number): { shown: T[]; omitted: number } {
  return items.length <= max
    ? { shown: [...items], omitted: 0 }
    : { shown: items.slice(0, max), omitted: items.length - max };
}

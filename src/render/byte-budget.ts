/**
 * A strict bound on what text the server did not write (log lines, probe output, engine
 * errors) costs a model. A tokenizer works on bytes, and every token stands for at least one
 * byte, so a string's tokens never exceed its UTF-8 bytes, whatever it holds (CJK, emoji,
 * punctuation soup); in the structured form it is JSON-escaped, which can make it longer. A
 * budget in bytes, charged at the longer of the two, therefore bounds the tokens of both
 * forms: an answer whose own words are measured (tests) and whose borrowed text draws from
 * one of these has a ceiling no log line can raise.
 *
 *   const pool = new ByteBudget(1000);
 *   pool.take(line, 160)   // the line, cut to fit (with "…"), or undefined when spent
 */
const ELLIPSIS = '…';
const ELLIPSIS_COST = Buffer.byteLength(ELLIPSIS);

/** What a string costs in the dearer of the two forms. */
export function costOf(text: string): number {
  return Math.max(Buffer.byteLength(text), Buffer.byteLength(JSON.stringify(text)) - 2);
}

export class ByteBudget {
  private left: number;

  constructor(bytes: number) {
    this.left = bytes;
  }

  get remaining(): number {
    return this.left;
  }

  /**
   * `text` cut to at most `max` bytes and to what is left, marked "…" when cut; undefined
   * when the pool cannot hold even a few bytes of it.
   */
  take(text: string, max = Number.POSITIVE_INFINITY): string | undefined {
    const room = Math.min(max, this.left);
    if (room < 8) return undefined;
    let kept = text;
    if (costOf(kept) > room) {
      // Whole characters (code points) while they fit, then the mark: escaping is per
      // character, so the costs add up.
      let cost = ELLIPSIS_COST;
      let end = 0;
      for (const char of text) {
        const next = costOf(char);
        if (cost + next > room) break;
        cost += next;
        end += char.length;
      }
      kept = text.slice(0, end) + ELLIPSIS;
    }
    this.left -= costOf(kept);
    return kept;
  }
}

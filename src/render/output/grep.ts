/**
 * grep -C over a stream of items, holding only the `before` context.
 *
 *   const grep = new ContextGrep<Line>({ pattern, before: 2, after: 2, text: (l) => l.text });
 *   for (const line of lines) grep.push(line, emit);
 *
 * `emit` gets, in input order, each matching item (`match: true`), its context items
 * (`match: false`), and a GAP between groups that are not adjacent, as grep prints "--".
 * An item is emitted once even when it is context of two matches.
 */

import type { LinePattern } from './pattern.js';

export const GAP = { gap: true } as const;
export type Gap = typeof GAP;

export type GrepEmit<T> = (entry: { item: T; match: boolean } | Gap) => void;

export interface GrepOptions<T> {
  /** Tested on each item's text (./pattern.ts: linear time whatever the pattern). */
  pattern: LinePattern;
  before: number;
  after: number;
  text: (item: T) => string;
}

export class ContextGrep<T> {
  /** How many items matched so far. */
  matched = 0;
  private readonly options: GrepOptions<T>;
  private readonly held: { item: T; index: number }[] = [];
  private index = -1;
  private lastEmitted = -1;
  private afterLeft = 0;

  constructor(options: GrepOptions<T>) {
    this.options = options;
  }

  push(item: T, emit: GrepEmit<T>): void {
    this.index += 1;
    if (this.options.pattern.test(this.options.text(item))) {
      this.matched += 1;
      for (const held of this.held) this.emit(held.item, held.index, false, emit);
      this.held.length = 0;
      this.emit(item, this.index, true, emit);
      this.afterLeft = this.options.after;
    } else if (this.afterLeft > 0) {
      this.afterLeft -= 1;
      this.emit(item, this.index, false, emit);
    } else if (this.options.before > 0) {
      this.held.push({ item, index: this.index });
      if (this.held.length > this.options.before) this.held.shift();
    }
  }

  private emit(item: T, index: number, match: boolean, emit: GrepEmit<T>): void {
    if (this.lastEmitted >= 0 && index > this.lastEmitted + 1) emit(GAP);
    this.lastEmitted = index;
    emit({ item, match });
  }
}

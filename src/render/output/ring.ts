/**
 * The newest items of a stream within a count and a size budget: as items arrive, the
 * oldest fall out and are counted (`onDrop` sees each). A cut tail keeps the newest lines.
 *
 *   const ring = new NewestRing<Line>({ maxItems: 100, maxBytes: 16384, sizeOf: (l) => l.text.length + 1 });
 *   ring.push(line);   // O(1) amortised
 *   ring.items();      // oldest first
 *
 * It holds at most `maxItems` counted items (`counts` can exempt separators, which still
 * cost their bytes) and `maxBytes` of items, except that the newest item is always kept
 * even when it alone is larger than the budget.
 */

export interface RingOptions<T> {
  maxItems: number;
  maxBytes: number;
  sizeOf: (item: T) => number;
  /** Whether an item counts against maxItems (default: all do). */
  counts?: (item: T) => boolean;
  onDrop?: (item: T) => void;
}

interface Slot<T> {
  item: T;
  size: number;
  counted: boolean;
}

export class NewestRing<T> {
  /** Counted items that fell out, oldest side. */
  dropped = 0;
  /** The budget that made the last item fall out. */
  limit: 'lines' | 'bytes' | undefined;
  private readonly options: RingOptions<T>;
  private slots: Slot<T>[] = [];
  private head = 0;
  private counted = 0;
  private bytes = 0;

  constructor(options: RingOptions<T>) {
    if (options.maxItems < 1) throw new Error('NewestRing: maxItems must be at least 1');
    this.options = options;
  }

  /** Counted items held. */
  get size(): number {
    return this.counted;
  }

  get byteSize(): number {
    return this.bytes;
  }

  push(item: T): void {
    const slot = {
      item,
      size: this.options.sizeOf(item),
      counted: this.options.counts?.(item) ?? true,
    };
    while (this.head < this.slots.length) {
      if (slot.counted && this.counted >= this.options.maxItems) this.limit = 'lines';
      else if (this.bytes + slot.size > this.options.maxBytes) this.limit = 'bytes';
      else break;
      this.dropOldest();
    }
    this.slots.push(slot);
    this.bytes += slot.size;
    if (slot.counted) this.counted += 1;
  }

  /** The kept items, oldest first. */
  items(): T[] {
    return this.slots.slice(this.head).map((slot) => slot.item);
  }

  private dropOldest(): void {
    const slot = this.slots[this.head] as Slot<T>;
    this.head += 1;
    this.bytes -= slot.size;
    if (slot.counted) {
      this.counted -= 1;
      this.dropped += 1;
    }
    this.options.onDrop?.(slot.item);
    // Compact now and then: amortised O(1), and dropped items are let go.
    if (this.head >= 1024 && this.head * 2 >= this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
  }
}

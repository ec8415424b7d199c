/**
 * A hash table from order id to live order: open addressing with linear probing and backward-shift
 * deletion (no tombstones), keys in a typed array. It does the work of a `Map<number, T>` on the
 * CLOB's hot path with less hashing and no table rebuilds under insert/delete churn.
 * @module
 */

/** Marks an empty slot; real keys are any other number (ids outside the int32 range go to `wide`). */
const EMPTY = -2147483648;

/** Open-addressing map from integer ids to values. */
export class IdTable<T> {
  private keys: Int32Array;
  private vals: (T | undefined)[];
  private mask: number;
  private shift: number;
  private count = 0;
  /** Ids that are not int32 values (or equal the empty marker) live here. */
  private readonly wide = new Map<number, T>();

  /** @param capacity - initial number of slots (rounded up to a power of two) */
  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity) n *= 2;
    this.keys = new Int32Array(n).fill(EMPTY);
    this.vals = new Array<T | undefined>(n).fill(undefined);
    this.mask = n - 1;
    this.shift = 32 - Math.log2(n);
  }

  /** Number of entries. */
  get size(): number {
    return this.count + this.wide.size;
  }

  /** Home slot of `id`: the top bits of a multiplicative (Fibonacci) hash. */
  private slot(id: number): number {
    return Math.imul(id, 0x9e3779b1) >>> this.shift;
  }

  /** The value of `id`, or undefined. */
  get(id: number): T | undefined {
    if ((id | 0) !== id || id === EMPTY) return this.wide.get(id);
    const keys = this.keys;
    const mask = this.mask;
    let i = this.slot(id);
    for (;;) {
      const k = keys[i]!;
      if (k === id) return this.vals[i];
      if (k === EMPTY) return undefined;
      i = (i + 1) & mask;
    }
  }

  /** Sets the value of `id`. */
  set(id: number, v: T): void {
    if ((id | 0) !== id || id === EMPTY) {
      this.wide.set(id, v);
      return;
    }
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = this.mask;
    let i = this.slot(id);
    for (;;) {
      const k = keys[i]!;
      if (k === id) {
        this.vals[i] = v;
        return;
      }
      if (k === EMPTY) {
        keys[i] = id;
        this.vals[i] = v;
        this.count++;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Removes `id`; returns true if it was present. */
  delete(id: number): boolean {
    if ((id | 0) !== id || id === EMPTY) return this.wide.delete(id);
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    let i = this.slot(id);
    for (;;) {
      const k = keys[i]!;
      if (k === EMPTY) return false;
      if (k === id) break;
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: move later members of the probe run into the hole.
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = keys[j]!;
      if (k === EMPTY) break;
      const home = this.slot(k);
      // Move k when its home is not cyclically within (hole, j].
      if (hole <= j ? home <= hole || home > j : home <= hole && home > j) {
        keys[hole] = k;
        vals[hole] = vals[j];
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    vals[hole] = undefined;
    this.count--;
    return true;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const n = oldKeys.length * 2;
    this.keys = new Int32Array(n).fill(EMPTY);
    this.vals = new Array<T | undefined>(n).fill(undefined);
    this.mask = n - 1;
    this.shift = 32 - Math.log2(n);
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i]!;
      if (k !== EMPTY) this.set(k, oldVals[i]!);
    }
  }
}

/**
 * The set of order ids a venue has accepted, for duplicate detection. Kernel ids are small
 * consecutive integers, so they live in a growable bitset; any other id (negative, fractional,
 * huge) falls back to a `Set`.
 * @module
 */

/** Largest id kept in the bitset (2^27 ids = 16 MiB of bits); larger ids go to the fallback set. */
const BITSET_LIMIT = 1 << 27;

/** A set of order ids. */
export class SeenIds {
  private bits = new Int32Array(1024);
  private readonly other = new Set<number>();

  /** True if `id` was added before. */
  has(id: number): boolean {
    if (id >= 0 && id < BITSET_LIMIT && (id | 0) === id) {
      const w = id >>> 5;
      return w < this.bits.length && (this.bits[w] & (1 << (id & 31))) !== 0;
    }
    return this.other.has(id);
  }

  /** Adds `id`. */
  add(id: number): void {
    if (id >= 0 && id < BITSET_LIMIT && (id | 0) === id) {
      const w = id >>> 5;
      if (w >= this.bits.length) {
        let n = this.bits.length * 2;
        while (n <= w) n *= 2;
        const grown = new Int32Array(n);
        grown.set(this.bits);
        this.bits = grown;
      }
      this.bits[w] |= 1 << (id & 31);
      return;
    }
    this.other.add(id);
  }
}

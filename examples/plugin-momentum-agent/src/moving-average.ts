/**
 * A simple moving average over the last `window` values, O(1) per update (ring buffer and running sum).
 */
export class MovingAverage {
  private readonly buf: Float64Array;
  private next = 0;
  private count = 0;
  private sum = 0;

  /** @param window - number of values averaged (> 0) */
  constructor(readonly window: number) {
    if (!(Number.isInteger(window) && window > 0)) throw new RangeError(`window must be a positive integer, got ${window}`);
    this.buf = new Float64Array(window);
  }

  /** Adds a value, dropping the oldest once the window is full. */
  push(x: number): void {
    if (this.count === this.window) this.sum -= this.buf[this.next]!;
    else this.count++;
    this.buf[this.next] = x;
    this.sum += x;
    this.next = (this.next + 1) % this.window;
  }

  /** True once `window` values have been seen. */
  get full(): boolean {
    return this.count === this.window;
  }

  /** The average of the values held (NaN before the first). */
  get value(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }
}

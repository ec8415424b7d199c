/**
 * The constant-product curve `x * y = k` (Uniswap v2): `x` is the asset reserve in lots, `y` the
 * cash reserve in tick-lots, the marginal price `y / x` price ticks.
 *
 * Buying `n < x` lots costs `y n / (x - n)`; selling `n` lots pays `y n / (x + n)`; both keep
 * `x * y` constant before the fee. The fee (in cash) is added to the cash reserve, so `k` grows
 * by `x' * fee` on every trade with a fee and never decreases.
 * @module
 */
import type { Curve } from './curve.js';

/** A constant-product curve for one market. */
export class ConstantProductCurve implements Curve {
  readonly kind = 'constantProduct' as const;
  private x: number;
  private y: number;
  private fees = 0;

  /**
   * @param reserveLots - initial asset reserve in lots (>= 2)
   * @param openingMidTicks - opening mid in price ticks; the cash reserve starts at `reserveLots * openingMidTicks`
   */
  constructor(reserveLots: number, openingMidTicks: number) {
    if (!(reserveLots >= 2) || !Number.isFinite(reserveLots)) throw new RangeError(`constant product: reserveLots must be >= 2, got ${reserveLots}`);
    if (!(openingMidTicks > 0) || !Number.isFinite(openingMidTicks)) {
      throw new RangeError(`constant product: the opening mid must be a positive price, got ${openingMidTicks}`);
    }
    this.x = reserveLots;
    this.y = reserveLots * openingMidTicks;
  }

  /** Current reserves: asset `x` (lots) and cash `y` (tick-lots). */
  reserves(): { x: number; y: number } {
    return { x: this.x, y: this.y };
  }

  /** The invariant `k = x * y`. */
  k(): number {
    return this.x * this.y;
  }

  /** Fees accrued to the cash reserve so far (tick-lots). */
  feesCollected(): number {
    return this.fees;
  }

  marginal(): number {
    return this.y / this.x;
  }

  buyCost(n: number): number {
    if (n <= 0) return 0;
    if (n >= this.x) return Infinity;
    return (this.y * n) / (this.x - n);
  }

  sellProceeds(n: number): number {
    if (n <= 0) return 0;
    return (this.y * n) / (this.x + n);
  }

  maxBuy(): number {
    return this.x - 1;
  }

  marginalAfter(side: 'buy' | 'sell', n: number): number {
    if (side === 'buy') {
      if (n >= this.x) return Infinity;
      return (this.y + this.buyCost(n)) / (this.x - n);
    }
    return (this.y - this.sellProceeds(n)) / (this.x + n);
  }

  apply(side: 'buy' | 'sell', n: number, fee: number): void {
    if (side === 'buy') {
      if (n >= this.x) throw new RangeError(`constant product: cannot buy ${n} lots from a reserve of ${this.x}`);
      this.y += this.buyCost(n) + fee;
      this.x -= n;
    } else {
      this.y -= this.sellProceeds(n) - fee;
      this.x += n;
    }
    this.fees += fee;
  }
}

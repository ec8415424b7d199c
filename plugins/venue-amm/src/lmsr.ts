/**
 * Hanson's logarithmic market scoring rule (LMSR) for a binary event contract.
 *
 * Outcomes YES and NO with outstanding quantities `q = (qYes, qNo)` in lots; cost function
 * `C(q) = b ln(exp(qYes / b) + exp(qNo / b))` in probability units times lots; instantaneous
 * prices `p_i = exp(q_i / b) / sum_j exp(q_j / b)` sum to 1. Buying `n` YES lots costs
 * `C(q + n e_yes) - C(q)`. Selling `n` YES lots is buying `n` NO lots: the trader pays
 * `C(q + n e_no) - C(q)` for the NO lots and redeems each YES + NO pair for 1, so it receives
 * `n - (C(q + n e_no) - C(q))`, which equals `C(q) - C(q - n e_yes)` by the translation
 * invariance `C(q + c 1) = C(q) + c`. One lot of YES pays 1 (probability unit) at resolution,
 * i.e. `1 / tickSize` price ticks; prices on the venue are YES prices in ticks.
 *
 * Costs are computed from the current price in closed form (`b ln(1 - p + p e^{n/b})`), which is
 * exact and does not lose precision as the outstanding quantities grow.
 * @module
 */
import type { Curve } from './curve.js';

/** `C(q) = b ln(exp(qYes / b) + exp(qNo / b))`, evaluated stably (log-sum-exp). */
export function lmsrCost(qYes: number, qNo: number, b: number): number {
  const a = qYes / b;
  const c = qNo / b;
  const m = a > c ? a : c;
  return b * (m + Math.log(Math.exp(a - m) + Math.exp(c - m)));
}

/** `1 / (1 + exp(-x))` without overflow. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Cost (probability-lots) of buying `n` lots of an outcome whose price is `p` (and the other's `1 - p = r`). */
function buyDelta(p: number, r: number, n: number, b: number): number {
  const x = n / b;
  if (x <= 1) return b * Math.log1p(p * Math.expm1(x));
  return n + b * Math.log(p + r * Math.exp(-x));
}

/** An LMSR curve for one binary market. */
export class LmsrCurve implements Curve {
  readonly kind = 'lmsr' as const;
  private qYes: number;
  private qNo = 0;
  private fees = 0;

  /**
   * @param b - liquidity parameter in lots
   * @param openingProbability - opening YES probability, in (0, 1); sets `qYes = b ln(p0 / (1 - p0))`, `qNo = 0`
   * @param tickSize - probability per price tick (the market's tick size)
   */
  constructor(
    readonly b: number,
    openingProbability: number,
    readonly tickSize: number,
  ) {
    if (!(b > 0) || !Number.isFinite(b)) throw new RangeError(`LMSR: b must be a positive number, got ${b}`);
    if (!(openingProbability > 0 && openingProbability < 1)) {
      throw new RangeError(`LMSR: the opening mid must be a probability strictly between 0 and 1, got ${openingProbability}`);
    }
    this.qYes = b * Math.log(openingProbability / (1 - openingProbability));
  }

  /** Outstanding quantities (lots) of YES and NO. */
  quantities(): { yes: number; no: number } {
    return { yes: this.qYes, no: this.qNo };
  }

  /** The current cost function value `C(q)` (probability-lots). */
  cost(): number {
    return lmsrCost(this.qYes, this.qNo, this.b);
  }

  /** Instantaneous probabilities of YES and NO (each `exp(q_i / b) / sum`, computed separately). */
  prices(): { yes: number; no: number } {
    const d = (this.qYes - this.qNo) / this.b;
    return { yes: sigmoid(d), no: sigmoid(-d) };
  }

  /** Fees collected by the pool so far (tick-lots). */
  feesCollected(): number {
    return this.fees;
  }

  marginal(): number {
    return this.prices().yes / this.tickSize;
  }

  buyCost(n: number): number {
    if (n <= 0) return 0;
    const { yes, no } = this.prices();
    return buyDelta(yes, no, n, this.b) / this.tickSize;
  }

  sellProceeds(n: number): number {
    if (n <= 0) return 0;
    // C(q) - C(q - n e_yes) = -b ln(1 - p + p e^{-n/b}) = n - (C(q + n e_no) - C(q)).
    const { yes, no } = this.prices();
    const x = n / this.b;
    const inProb = x <= 1 ? -this.b * Math.log1p(yes * Math.expm1(-x)) : -this.b * Math.log(no + yes * Math.exp(-x));
    return inProb / this.tickSize;
  }

  maxBuy(): number {
    return Infinity;
  }

  marginalAfter(side: 'buy' | 'sell', n: number): number {
    const d = (this.qYes - this.qNo + (side === 'buy' ? n : -n)) / this.b;
    return sigmoid(d) / this.tickSize;
  }

  apply(side: 'buy' | 'sell', n: number, fee: number): void {
    if (side === 'buy') this.qYes += n;
    else this.qNo += n;
    this.fees += fee;
  }
}

/**
 * Per-leg reference prices and markouts.
 *
 * - Truth at `t + D`: the market's fair value (truth path) at tick `t + D`; at `D = 0` that is the
 *   fair value at the fill's own tick, not terminal truth. Horizons past the recorded path read its
 *   last sample (terminal truth).
 * - Mid at `t + D`: at `D = 0`, the fill's own `mid_after` (the venue mid right after the event
 *   that produced it; for a batch, the post-clear mid shared by every fill of the batch); at
 *   `D >= 1`, the venue's sampled mid path at `t + D` (the last finite mid at or before it).
 *
 * Markout of a leg at D: `sign * (reference(t + D) - price) * qty` in tick-lots (sign +1 for the
 * buyer), NaN where the reference is missing.
 *
 * Per-row loops here and in the metric plugins store NaN with an `if` statement rather than a
 * conditional expression `cond ? x : NaN`: in an optimised loop, Node 20's V8 merges a computed
 * double with the `NaN` literal as a boxed value, so every row that takes the computed branch
 * allocates a heap number (measured on a 2M-leg markout pass: 3x slower, a dozen minor GCs).
 * @module
 */
import type { LegView } from './legs.js';

/** Reference path of a markout. */
export type MarkoutBasis = 'truth' | 'mid';

/** Fair value (price ticks) at `t + D` for every leg (written into `out` when given). */
export function truthAtHorizon(legs: LegView, horizon: number, out: Float64Array = new Float64Array(legs.n)): Float64Array {
  const mg = legs.market.codes;
  const tg = legs.truthGroupOfMarket;
  for (let i = 0; i < legs.n; i++) out[i] = legs.truth.at(tg[mg[i]!]!, legs.t[i]! + horizon);
  return out;
}

/**
 * Venue mid (price ticks) at `t + D` for every leg (see the module notes for D = 0), written into
 * `out` when given; at D = 0 without `out`, the record's own `midAfter` column is returned.
 */
export function midAtHorizon(legs: LegView, horizon: number, out?: Float64Array): Float64Array {
  if (horizon === 0) return out ? (out.set(legs.midAfter), out) : legs.midAfter;
  out ??= new Float64Array(legs.n);
  const vm = legs.venueMarket.codes;
  const mg = legs.midGroupOfVenueMarket;
  for (let i = 0; i < legs.n; i++) out[i] = legs.mids.at(mg[vm[i]!]!, legs.t[i]! + horizon);
  return out;
}

/** The reference price at `t + D` for every leg, for a basis (written into `out` when given). */
export function referenceAtHorizon(legs: LegView, basis: MarkoutBasis, horizon: number, out?: Float64Array): Float64Array {
  return basis === 'truth' ? truthAtHorizon(legs, horizon, out) : midAtHorizon(legs, horizon, out);
}

/** Markout of every leg at horizon D in tick-lots, NaN where the reference is missing (written into `out` when given). */
export function legMarkouts(legs: LegView, basis: MarkoutBasis, horizon: number, out: Float64Array = new Float64Array(legs.n)): Float64Array {
  const n = legs.n;
  const { sign, price, qty, t } = legs;
  if (basis === 'truth' || horizon > 0) {
    // One pass: the reference is read and marked out in the same loop.
    const paths = basis === 'truth' ? legs.truth : legs.mids;
    const codes = basis === 'truth' ? legs.market.codes : legs.venueMarket.codes;
    const groupOf = basis === 'truth' ? legs.truthGroupOfMarket : legs.midGroupOfVenueMarket;
    for (let i = 0; i < n; i++) {
      const r = paths.at(groupOf[codes[i]!]!, t[i]! + horizon);
      // Statements, not `cond ? x : NaN`: see the module notes.
      if (Number.isFinite(r)) out[i] = sign[i]! * (r - price[i]!) * qty[i]!;
      else out[i] = NaN;
    }
    return out;
  }
  const mid = legs.midAfter;
  for (let i = 0; i < n; i++) {
    const r = mid[i]!;
    if (Number.isFinite(r)) out[i] = sign[i]! * (r - price[i]!) * qty[i]!;
    else out[i] = NaN;
  }
  return out;
}

/**
 * The Avellaneda-Stoikov (2008) quote formulas, as pure functions.
 *
 * Units (all venuelab-native): `s` and every price in price ticks; `q` in lots; `sigma` in price
 * ticks per square-root tick (so `sigma^2` is the variance of the reference price per clock tick);
 * `tau = T - t` in ticks; `k` per price tick; `gamma` per tick-lot (the CARA risk aversion applied
 * to cash counted in tick-lots). With these units `q gamma sigma^2 tau` and
 * `(2 / gamma) ln(1 + gamma / k)` are both in price ticks. To carry a calibration from the paper's
 * units (time unit `u`, price unit `h` currency per price tick, one clock tick = `dt` time units):
 * `sigma_ticks = sigma sqrt(dt) / h`, `k_ticks = k h`, `gamma_ticks = gamma h`, `tau_ticks = tau / dt`.
 * @module
 */

/** Reservation (indifference) price `r = s - q gamma sigma^2 (T - t)`. */
export function reservationPrice(s: number, q: number, gamma: number, sigma: number, tau: number): number {
  return s - q * gamma * sigma * sigma * tau;
}

/**
 * Total spread `gamma sigma^2 (T - t) + (2 / gamma) ln(1 + gamma / k)` (the limit `2 / k` as
 * `gamma -> 0`).
 */
export function totalSpread(gamma: number, sigma: number, tau: number, k: number): number {
  const liquidity = gamma > 0 ? (2 / gamma) * Math.log1p(gamma / k) : 2 / k;
  return gamma * sigma * sigma * tau + liquidity;
}

/** Inputs of {@link asQuotes}. */
export interface AsQuoteInput {
  /** Reference (mid) price `s`, price ticks. */
  s: number;
  /** Inventory `q`, lots. */
  q: number;
  /** Risk aversion `gamma`, per tick-lot. */
  gamma: number;
  /** Volatility `sigma`, price ticks per square-root tick. */
  sigma: number;
  /** Time to the horizon `T - t`, ticks. */
  tau: number;
  /** Intensity decay `k`, per price tick. */
  k: number;
  /** `inventory`: quote around the reservation price; `symmetric`: the paper's benchmark, same spread around `s`. Default `inventory`. */
  mode?: 'inventory' | 'symmetric';
  /** Expected move of `s` over `tau` from a drift estimate, added to the reservation price (inventory mode). Default 0. */
  expectedMove?: number;
}

/** Quotes of {@link asQuotes}, in (fractional) price ticks. */
export interface AsQuote {
  /** Reservation price `r` (including any expected move). */
  reservation: number;
  /** Total spread. */
  spread: number;
  /** Centre of the quotes: `r` in inventory mode, `s` in symmetric mode. */
  center: number;
  /** Bid `center - spread / 2`. */
  bid: number;
  /** Ask `center + spread / 2`. */
  ask: number;
}

/** The Avellaneda-Stoikov bid and ask. */
export function asQuotes(i: AsQuoteInput): AsQuote {
  const reservation = reservationPrice(i.s, i.q, i.gamma, i.sigma, i.tau) + (i.expectedMove ?? 0);
  const spread = totalSpread(i.gamma, i.sigma, i.tau, i.k);
  const center = (i.mode ?? 'inventory') === 'symmetric' ? i.s : reservation;
  return { reservation, spread, center, bid: center - spread / 2, ask: center + spread / 2 };
}

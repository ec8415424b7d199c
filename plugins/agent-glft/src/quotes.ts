/**
 * The Gueant-Lehalle-Fernandez-Tapia (2013) closed-form approximations of the optimal quotes for
 * the infinite-horizon market-making problem, as pure functions.
 *
 * ```
 * omega    = sqrt( sigma^2 gamma / (2 k A) * (1 + gamma / k)^(1 + k / gamma) )
 * delta_b  = (1 / gamma) ln(1 + gamma / k) + ( -mu / (gamma sigma^2) + (2 q + 1) / 2 ) omega
 * delta_a  = (1 / gamma) ln(1 + gamma / k) + (  mu / (gamma sigma^2) - (2 q - 1) / 2 ) omega
 * bid = s - delta_b,  ask = s + delta_a
 * ```
 * (Gueant, Lehalle & Fernandez-Tapia 2013: the closed-form approximation of the asymptotic optimal
 * quotes, and its extension to a reference price with drift `mu`.) Units as in the Avellaneda-Stoikov plugin: prices in price
 * ticks, `q` in lots, `sigma` in price ticks per square-root tick, `A` arrivals per tick, `k` per
 * price tick, `gamma` per tick-lot, `mu` in price ticks per tick.
 * @module
 */

/** The inventory-skew scale `omega = sqrt(sigma^2 gamma / (2 k A) (1 + gamma / k)^(1 + k / gamma))`, price ticks. */
export function glftOmega(gamma: number, sigma: number, A: number, k: number): number {
  const power = Math.exp((1 + k / gamma) * Math.log1p(gamma / k));
  return Math.sqrt(((sigma * sigma * gamma) / (2 * k * A)) * power);
}

/** The inventory-free half-spread `(1 / gamma) ln(1 + gamma / k)`, price ticks. */
export function glftHalfSpread(gamma: number, k: number): number {
  return Math.log1p(gamma / k) / gamma;
}

/** Inputs of {@link glftOffsets}. */
export interface GlftInput {
  /** Inventory `q`, lots. */
  q: number;
  /** Risk aversion `gamma`, per tick-lot. */
  gamma: number;
  /** Volatility `sigma`, price ticks per square-root tick. */
  sigma: number;
  /** Arrival intensity at distance 0, per tick. */
  A: number;
  /** Intensity decay `k`, per price tick. */
  k: number;
  /** Drift `mu` of the reference price, price ticks per tick (default 0; needs `sigma > 0`). */
  mu?: number;
}

/** Bid and ask offsets from the reference price, price ticks (positive = away from it). */
export interface GlftOffsets {
  /** `delta_b`: the bid is `s - delta_b`. */
  bid: number;
  /** `delta_a`: the ask is `s + delta_a`. */
  ask: number;
}

/** The GLFT bid and ask offsets. */
export function glftOffsets(i: GlftInput): GlftOffsets {
  const half = glftHalfSpread(i.gamma, i.k);
  const omega = glftOmega(i.gamma, i.sigma, i.A, i.k);
  const mu = i.mu ?? 0;
  const driftTerm = mu === 0 ? 0 : mu / (i.gamma * i.sigma * i.sigma);
  return {
    bid: half + (-driftTerm + (2 * i.q + 1) / 2) * omega,
    ask: half + (driftTerm - (2 * i.q - 1) / 2) * omega,
  };
}

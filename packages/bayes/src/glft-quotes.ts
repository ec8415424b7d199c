/**
 * GLFT quotes written as a reservation price and a half-spread, a multi-level ladder, and the
 * expected-PnL level filter.
 * @module
 */

/** Inputs of {@link glftQuote}. Units: prices in price ticks, time in ticks, `q` in lots. */
export interface GlftQuoteInput {
  /** Inventory `q`, lots. */
  q: number;
  /** Risk aversion `gamma`, per tick-lot. */
  gamma: number;
  /** Volatility `sigma`, price ticks per square-root tick. */
  sigma: number;
  /** Fill intensity at distance 0, per tick. */
  A: number;
  /** Fill-intensity decay `kappa`, per price tick. */
  kappa: number;
  /** Drift `mu`, price ticks per tick (ignored when sigma = 0). Default 0. */
  mu?: number;
  /** Carry (e.g. funding) subtracted from the reservation price, price ticks. Default 0. */
  carry?: number;
}

/** A GLFT quote and the quantities that produced it. */
export interface GlftQuote {
  /** `delta_b`: the bid is `s - bid`. */
  bid: number;
  /** `delta_a`: the ask is `s + ask`. */
  ask: number;
  /** The inventory-free half-spread `(1 / gamma) ln(1 + gamma / kappa)`. */
  halfSpread: number;
  /** The volatility term `omega / 2` added to the half-spread. */
  volatilityTerm: number;
  /** `omega = sqrt(sigma^2 gamma / (2 kappa A) (1 + gamma / kappa)^(1 + kappa / gamma))`. */
  omega: number;
  /** The effective horizon `T = omega / (gamma sigma^2)` (ticks; NaN when sigma = 0). */
  horizon: number;
  /** Reservation price minus `s`: `mu T - q gamma sigma^2 T - carry`. */
  reservationShift: number;
  /** The inventory part of it, `-q gamma sigma^2 T = -q omega`. */
  inventorySkew: number;
}

/**
 * The Gueant-Lehalle-Fernandez-Tapia (2013) closed-form asymptotic quotes,
 *
 * ```
 * delta_b = (1/gamma) ln(1 + gamma/kappa) + (-mu / (gamma sigma^2) + (2q + 1) / 2) omega + carry
 * delta_a = (1/gamma) ln(1 + gamma/kappa) + ( mu / (gamma sigma^2) - (2q - 1) / 2) omega - carry
 * ```
 *
 * read as a reservation price `r = s + mu T - q gamma sigma^2 T - carry` with the effective horizon
 * `T = omega / (gamma sigma^2)`, and a half-spread `(1/gamma) ln(1 + gamma/kappa) + omega / 2` (the
 * GLFT half-spread plus the volatility term) on each side of it. The inventory skew `q omega` is
 * proportional to `q` with no amplifier: a one-lot position moves both quotes by `omega`. With
 * `carry = 0` the offsets equal the agent library's `glftOffsets` exactly (same operations).
 */
export function glftQuote(i: GlftQuoteInput): GlftQuote {
  const half = Math.log1p(i.gamma / i.kappa) / i.gamma;
  const power = Math.exp((1 + i.kappa / i.gamma) * Math.log1p(i.gamma / i.kappa));
  const omega = Math.sqrt(((i.sigma * i.sigma * i.gamma) / (2 * i.kappa * i.A)) * power);
  const mu = i.sigma > 0 ? (i.mu ?? 0) : 0;
  const driftTerm = mu === 0 ? 0 : mu / (i.gamma * i.sigma * i.sigma);
  const carry = i.carry ?? 0;
  let bid = half + (-driftTerm + (2 * i.q + 1) / 2) * omega;
  let ask = half + (driftTerm - (2 * i.q - 1) / 2) * omega;
  if (carry !== 0) {
    bid += carry;
    ask -= carry;
  }
  const horizon = i.sigma > 0 ? omega / (i.gamma * i.sigma * i.sigma) : NaN;
  return {
    bid,
    ask,
    halfSpread: half,
    volatilityTerm: omega / 2,
    omega,
    horizon,
    reservationShift: (driftTerm - i.q) * omega - carry,
    inventorySkew: -i.q * omega,
  };
}

/** One level of a ladder side. */
export interface LadderLevel {
  /** Offset from the reference price, price ticks (positive = away). */
  offset: number;
  /** Expected profit per lot of a fill at this level, tick-lots per lot. */
  expectedPnl: number;
  /** Whether the expected-PnL filter keeps it. */
  kept: boolean;
}

/** A ladder: levels per side, innermost first. */
export interface Ladder {
  /** Bid levels. */
  bids: LadderLevel[];
  /** Ask levels. */
  asks: LadderLevel[];
}

/** Inputs of {@link glftLadder}. */
export interface LadderInput {
  /** The GLFT quote (level 0). */
  quote: GlftQuote;
  /** Levels per side (>= 1). */
  levels: number;
  /** Price ticks between levels. */
  spacing: number;
  /** Expected adverse move per lot after a bid fill (price ticks, positive = loss), from the markout model. */
  adverseBid: number;
  /** Same after an ask fill. */
  adverseAsk: number;
  /** Fee per lot paid by a maker fill (tick-lots; negative = rebate). Default 0. */
  fee?: number;
  /**
   * Reservation price minus the reference (`quote.reservationShift` to value fills at the maker's
   * indifference price, 0 to value them at the reference). Default `quote.reservationShift`.
   */
  reservationShift?: number;
  /** Apply the expected-PnL filter (default true); when false every level is kept. */
  filter?: boolean;
}

/**
 * A multi-level ladder from the GLFT quote, `offset_j = delta + j * spacing`, and the expected-PnL
 * filter: a level's expected profit per lot is its spread capture against the reservation price
 * `r = s + shift` (the maker's indifference price, which already prices its inventory and the
 * drift) minus the expected adverse selection of the markout model minus the fee:
 * `offset_j + shift - adverse - fee` for a bid, `offset_j - shift - adverse - fee` for an ask.
 * Levels where it is negative are dropped. Valuing capture at `r` rather than at `s` keeps the
 * inventory-reducing quote of a maker with a position: its capture against `s` may be negative,
 * against `r` it is the GLFT half-spread.
 */
export function glftLadder(i: LadderInput): Ladder {
  const fee = i.fee ?? 0;
  const filter = i.filter ?? true;
  const shift = i.reservationShift ?? i.quote.reservationShift;
  const side = (delta: number, adverse: number, toR: number): LadderLevel[] => {
    const out: LadderLevel[] = [];
    for (let j = 0; j < i.levels; j++) {
      const offset = delta + j * i.spacing;
      const expectedPnl = offset + toR - adverse - fee;
      out.push({ offset, expectedPnl, kept: !filter || expectedPnl >= 0 });
    }
    return out;
  };
  return { bids: side(i.quote.bid, i.adverseBid, shift), asks: side(i.quote.ask, i.adverseAsk, -shift) };
}

/** The innermost kept level of a side (NaN when the filter dropped every level). */
export function innermostKept(levels: readonly LadderLevel[]): number {
  for (const l of levels) if (l.kept) return l.offset;
  return NaN;
}

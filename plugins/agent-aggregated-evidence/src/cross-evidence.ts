/**
 * Turning a reading of one market into evidence about another.
 * @module
 */

/** A pseudo-reading of a market: a value in latent space and its precision. */
export interface PseudoReading {
  /** The value, in latent space. */
  value: number;
  /** Its precision (0 when it carries no information). */
  precision: number;
}

/**
 * The evidence a reading of market j carries about market m, as a reading of m.
 *
 * Model: deviations from the opening anchors `d = x - anchor` of the two markets are jointly
 * Gaussian with variance `v` each and correlation `rho`; the reading is `s_j = x_j + N(0, r)`.
 * Then `s_j - anchor_j | d_m ~ N(rho d_m, v (1 - rho^2) + r)`, which as a reading of `x_m` is
 *
 *   value = anchor_m + (s_j - anchor_j) / rho,   variance = (v (1 - rho^2) + r) / rho^2.
 *
 * Combined with a prior `N(anchor_m, v)` this gives exactly the bivariate-normal posterior
 * `E[x_m | s_j] = anchor_m + rho v / (v + r) (s_j - anchor_j)`; and it is conditionally independent
 * of m's own readings given `x_m`, so pooling it with them is exact too. Several readings of the
 * same other market share its deviation, so pooling each of them as independent over-counts: this
 * is the aggregated-evidence agent's simplification (the joint-factor agent does it exactly).
 * @param reading - the reading of market j (latent) and its precision
 * @param anchorJ - market j's anchor (latent)
 * @param anchorM - market m's anchor (latent)
 * @param rho - correlation of the deviations
 * @param v - variance of a deviation
 */
export function crossEvidence(reading: { value: number; precision: number }, anchorJ: number, anchorM: number, rho: number, v: number): PseudoReading {
  if (rho === 0 || !(reading.precision > 0)) return { value: anchorM, precision: 0 };
  const r = 1 / reading.precision;
  const variance = (v * (1 - rho * rho) + r) / (rho * rho);
  return { value: anchorM + (reading.value - anchorJ) / rho, precision: 1 / variance };
}

/**
 * The U-quadratic law (ABIDES's noise-agent wake times: more mass near the open and the close).
 * @module
 */
import type { RandomStream } from '@venuelab/kernel';

/**
 * Draws from the U-quadratic distribution on `[a, b]`: density `alpha (x - beta)^2` with
 * `beta = (a + b) / 2` and `alpha = 12 / (b - a)^3`, by inverting its CDF
 * `F(x) = alpha / 3 ((x - beta)^3 + (beta - a)^3)`.
 */
export function uQuadratic(rng: RandomStream, a: number, b: number): number {
  if (!(b > a)) throw new Error(`uQuadratic: need a < b, got [${a}, ${b}]`);
  const beta = (a + b) / 2;
  const alpha = 12 / (b - a) ** 3;
  const u = rng.next();
  const x = beta + Math.cbrt((3 * u) / alpha - (beta - a) ** 3);
  return x < a ? a : x > b ? b : x;
}

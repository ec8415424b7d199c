/**
 * The truth-process contract: what things are really worth.
 * @module
 */

/**
 * A truth process. Fair values live in a latent space (`log` price for ordinary markets,
 * `logodds` for event contracts, or `linear`); {@link TruthProcess.fairAt} converts to price ticks.
 * Paths must be deterministic functions of the run's seed and the process's RNG streams.
 */
export interface TruthProcess {
  /** Component id. */
  readonly id: string;
  /** Latent space of the process. */
  readonly space: 'log' | 'logodds' | 'linear';
  /** Latent value of a market at tick t (0 <= t <= duration). */
  latentAt(market: string, t: number): number;
  /** Fair value of a market at tick t, in price ticks. */
  fairAt(market: string, t: number): number;
  /** Converts a latent value of a market to price ticks. */
  toTicks(market: string, latent: number): number;
  /** Converts a price in ticks to the latent space. */
  toLatent(market: string, ticks: number): number;
}

/** Latent space of a truth process. */
export type LatentSpace = TruthProcess['space'];

/**
 * Converts a latent value to price ticks: `log` -> `exp(x) / tickSize`, `logodds` ->
 * `sigmoid(x) / tickSize`, `linear` -> `x / tickSize`.
 */
export function latentToTicks(space: LatentSpace, tickSize: number, x: number): number {
  switch (space) {
    case 'log':
      return Math.exp(x) / tickSize;
    case 'logodds':
      return 1 / (1 + Math.exp(-x)) / tickSize;
    case 'linear':
      return x / tickSize;
  }
}

/** Inverse of {@link latentToTicks}. */
export function ticksToLatent(space: LatentSpace, tickSize: number, ticks: number): number {
  const p = ticks * tickSize;
  switch (space) {
    case 'log':
      return Math.log(p);
    case 'logodds':
      return Math.log(p / (1 - p));
    case 'linear':
      return p;
  }
}

/** The `space` setting of a truth plugin: a latent space, or `auto`. */
export type LatentSpaceSetting = LatentSpace | 'auto';

/**
 * Resolves `auto` to `log` when every market is a price market and to `logodds` when every market
 * is a probability market. A truth process has one latent space, so `auto` over a mix of kinds is
 * an error (set `space` explicitly, or use one truth per kind of market).
 */
export function resolveLatentSpace(setting: LatentSpaceSetting, markets: readonly { kind: 'price' | 'probability' }[], plugin: string): LatentSpace {
  if (setting !== 'auto') return setting;
  const kinds = new Set(markets.map((m) => m.kind));
  if (kinds.size > 1) {
    throw new Error(`${plugin}: space "auto" cannot serve both price and probability markets; set space explicitly`);
  }
  return kinds.has('probability') ? 'logodds' : 'log';
}

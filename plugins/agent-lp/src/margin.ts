/**
 * The LP's capital accounting: a margin on its net inventory.
 * @module
 */

/**
 * Margin used by a net-inventory book: `rate * sum_m |net_m| * mark_m` (tick-lots). Capital is
 * tied to the net position only, so it is released as inventory nets out: buying 5 lots and later
 * selling 5 lots leaves a margin of 0, whereas a gross "deployed capital" counter that adds every
 * commitment would only grow (the accounting that silenced the source notebook's LP).
 * @param inventory - net lots per market (bought minus sold)
 * @param mark - price in ticks at which a market's inventory is valued
 * @param rate - margin per tick-lot of net inventory value
 */
export function netInventoryMargin(inventory: ReadonlyMap<string, number>, mark: (market: string) => number, rate: number): number {
  let used = 0;
  for (const [m, lots] of inventory) if (lots !== 0) used += Math.abs(lots) * mark(m);
  return rate * used;
}

/** The solvency gate: open while the margin used is below the budget. */
export function gateOpen(marginUsed: number, budget: number): boolean {
  return marginUsed < budget;
}

/**
 * Which sides the LP may quote in a market: both while the gate is open; when it is closed,
 * none (`sitOut`) or only the side that reduces the market's inventory (`reduceOnly`: the ask
 * when long, the bid when short, nothing when flat).
 */
export function allowedSides(open: boolean, mode: 'sitOut' | 'reduceOnly', inventory: number): { bid: boolean; ask: boolean } {
  if (open) return { bid: true, ask: true };
  if (mode === 'sitOut') return { bid: false, ask: false };
  return { bid: inventory < 0, ask: inventory > 0 };
}

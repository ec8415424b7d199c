/**
 * Extraction: what liquidity providers lose against the truth and who gains it.
 * @module
 */
import type { LegView, Grouping, RowSink } from '@venuelab/analysis/core';
import { legCells, markoutCellSums } from '@venuelab/analysis/core';

/**
 * Extraction rows at horizon D for `all`, `venue` and `market` groupings: the summed truth markout
 * (tick-lots) of the LP roles' legs (`extraction_lp_markout`, negative when they lose), of the
 * informed roles' legs (`extraction_informed_markout`) and of everyone else
 * (`extraction_other_markout`); the three add up to zero in every group because each fill's two
 * legs offset. `extraction_transfer_share` is the informed gain over the LP loss (where the LPs
 * lost): 1 when informed traders took all of it, less when the loss went to others (e.g. noise
 * traders). Comparing these rows between mechanisms gives the transfer check: did the LP's loss
 * shrink, and did the informed gain shrink with it (prevented) or move to someone else (relocated)?
 *
 * One pass over the legs sums the markouts per leg cell (agent, role, venue, market, liquidity);
 * the groups are roll-ups of the cells.
 */
export function extractionRows(sink: RowSink, legs: LegView, groupings: Grouping[], lpRoles: readonly string[], informedRoles: readonly string[], horizon: number): void {
  const cells = legCells(legs);
  const sums = markoutCellSums(legs, 'truth', horizon);
  const lp = new Set(lpRoles);
  const inf = new Set(informedRoles);
  const cls = legs.role.levels.map((r) => (lp.has(r) ? 0 : inf.has(r) ? 1 : 2));
  for (const g of groupings) {
    if (g.scope === 'role' || g.scope === 'agent') continue;
    const codes = g.scope === 'venue' ? cells.venue : g.scope === 'market' ? cells.market : null;
    const G = g.levels.length;
    // Per class (LP, informed, other): sums per group; `any`: legs with a markout per group.
    const total = [new Float64Array(G), new Float64Array(G), new Float64Array(G)] as const;
    const any = new Float64Array(G);
    for (let c = 0; c < cells.size; c++) {
      const k = codes === null ? 0 : codes[c]!;
      total[cls[cells.role[c]!]!]![k]! += sums.sum[c]!;
      any[k]! += sums.count[c]!;
    }
    const [l, f, o] = total;
    sink.addGroups('extraction_lp_markout', g, horizon, any, (k) => l[k]!);
    sink.addGroups('extraction_informed_markout', g, horizon, any, (k) => f[k]!);
    sink.addGroups('extraction_other_markout', g, horizon, any, (k) => o[k]!);
    sink.addGroups('extraction_transfer_share', g, horizon, any, (k) => (l[k]! < 0 ? f[k]! / -l[k]! : NaN));
  }
}

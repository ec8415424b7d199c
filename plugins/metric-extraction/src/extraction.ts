/**
 * Extraction: what liquidity providers lose against the truth and who gains it.
 * @module
 */
import type { LegView, Grouping, RowSink } from '@venuelab/analysis';
import { legMarkouts, scratch, sumBy } from '@venuelab/analysis';

/**
 * Extraction rows at horizon D for `all`, `venue` and `market` groupings: the summed truth markout
 * (tick-lots) of the LP roles' legs (`extraction_lp_markout`, negative when they lose), of the
 * informed roles' legs (`extraction_informed_markout`) and of everyone else
 * (`extraction_other_markout`); the three add up to zero in every group because each fill's two
 * legs offset. `extraction_transfer_share` is the informed gain over the LP loss (where the LPs
 * lost): 1 when informed traders took all of it, less when the loss went to others (e.g. noise
 * traders). Comparing these rows between mechanisms gives the transfer check: did the LP's loss
 * shrink, and did the informed gain shrink with it (prevented) or move to someone else (relocated)?
 */
export function extractionRows(sink: RowSink, legs: LegView, groupings: Grouping[], lpRoles: readonly string[], informedRoles: readonly string[], horizon: number): void {
  const m = legMarkouts(legs, 'truth', horizon, scratch(legs, 0));
  const lp = new Set(lpRoles);
  const inf = new Set(informedRoles);
  const cls = legs.role.levels.map((r) => (lp.has(r) ? 0 : inf.has(r) ? 1 : 2));
  const masks = [new Uint8Array(legs.n), new Uint8Array(legs.n), new Uint8Array(legs.n)];
  for (let i = 0; i < legs.n; i++) masks[cls[legs.role.codes[i]!]!]![i] = 1;
  for (const g of groupings) {
    if (g.scope === 'role' || g.scope === 'agent') continue;
    const [l, f, o] = masks.map((mask) => sumBy(g, m, mask));
    const any = Float64Array.from(l!.count, (c, k) => c + f!.count[k]! + o!.count[k]!);
    sink.addGroups('extraction_lp_markout', g, horizon, any, (k) => l!.sum(k));
    sink.addGroups('extraction_informed_markout', g, horizon, any, (k) => f!.sum(k));
    sink.addGroups('extraction_other_markout', g, horizon, any, (k) => o!.sum(k));
    sink.addGroups('extraction_transfer_share', g, horizon, any, (k) => (l!.sum(k) < 0 ? f!.sum(k) / -l!.sum(k) : NaN));
  }
}

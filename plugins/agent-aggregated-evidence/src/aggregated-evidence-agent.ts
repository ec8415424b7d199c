/**
 * The aggregated-evidence agent.
 * @module
 */
import type { AgentContext, Signal } from '@venuelab/kernel';
import { ScalarBeliefAgent } from '@venuelab/plugin-agent-naive-belief';
import { crossEvidence } from './cross-evidence.js';
import type { AggregatedEvidenceConfig } from './schema.js';

/**
 * A scalar belief per market, like the naive agent, but every reading of one market is also
 * pooled into every other market's belief as a {@link crossEvidence} pseudo-reading (with the
 * pair's assumed correlation). A reading therefore informs every market, and a decision follows
 * for each of them.
 */
export class AggregatedEvidenceAgent extends ScalarBeliefAgent {
  private readonly anchors = new Map<string, number>();
  private readonly v: number;

  /**
   * @param ctx - the agent context
   * @param cfg - validated config
   */
  constructor(
    ctx: AgentContext,
    private readonly cfg: AggregatedEvidenceConfig,
  ) {
    super(ctx, cfg);
    if (cfg.deviationVariance !== undefined) this.v = cfg.deviationVariance;
    else if (cfg.priorPrecision > 0) this.v = 1 / cfg.priorPrecision;
    else throw new Error(`${ctx.id}: set deviationVariance when priorPrecision is 0`);
    const ids = new Set(ctx.markets.map((m) => m.id));
    for (const key of Object.keys(cfg.correlations ?? {})) {
      const parts = key.split('|');
      if (parts.length !== 2 || !ids.has(parts[0]!) || !ids.has(parts[1]!)) {
        throw new Error(`${ctx.id}: correlations key "${key}" must be "A|B" with two market ids`);
      }
    }
  }

  /** Assumed correlation of two markets' deviations. */
  correlation(a: string, b: string): number {
    const c = this.cfg.correlations;
    return c?.[`${a}|${b}`] ?? c?.[`${b}|${a}`] ?? this.cfg.correlation;
  }

  protected override initBelief(): void {
    super.initBelief();
    for (const m of this.ctx.markets) this.anchors.set(m.id, this.openingLatent(m));
  }

  protected override absorb(s: Signal): void {
    super.absorb(s);
    const aj = this.anchors.get(s.market);
    if (aj === undefined) return;
    for (const [m, belief] of this.beliefs) {
      if (m === s.market) continue;
      const e = crossEvidence(s, aj, this.anchors.get(m)!, this.correlation(s.market, m), this.v);
      if (e.precision > 0) belief.observe(e.value, e.precision, s.t);
    }
  }

  protected override informs(_s: Signal): readonly string[] {
    return [...this.beliefs.keys()];
  }
}

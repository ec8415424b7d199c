/**
 * Price discovery: how closely and how fast each venue's mid follows the truth.
 * @module
 */
import type { Metric, MetricRow, MetricScope, RunRecord } from '@venuelab/kernel';
import { legView, lowerBound, RowSink, truthMoves, weightedQuantile } from '@venuelab/analysis/core';
import type { DiscoveryConfig } from './schema.js';

/** Accumulated discovery figures of one group (a venue, a market, or everything). */
interface Acc {
  samples: number;
  missing: number;
  errSum: number;
  relSum: number;
  errCount: number;
  integral: number;
  lags: number[];
  events: number;
  unresolved: number;
}

const newAcc = (): Acc => ({ samples: 0, missing: 0, errSum: 0, relSum: 0, errCount: 0, integral: 0, lags: [], events: 0, unresolved: 0 });

/** Figures of one venue and market path. */
export interface PathDiscovery {
  /** Venue id. */
  venue: string;
  /** Market id. */
  market: string;
  /** Samples of the mid path. */
  samples: number;
  /** Samples without a mid. */
  missing: number;
  /** Sum of |mid - fair| over samples with a mid. */
  errSum: number;
  /** Sum of |mid - fair| / fair. */
  relSum: number;
  /** Samples with a mid and a fair value. */
  errCount: number;
  /** Integral of |mid - fair| over time (each sample holds until the next, the last until the run's end). */
  integral: number;
  /** Lag in ticks of each resolved truth move. */
  lags: number[];
  /** Truth moves measured. */
  events: number;
  /** Moves after which the mid never came within epsilon before the run ended. */
  unresolved: number;
}

/**
 * Tracking error and lag of every venue-market mid path. Tracking error at a mid sample `t` is
 * `|mid(t) - fair(t)|` (samples without a mid are skipped and counted as missing). After each truth
 * move at `t_e` (see `truthMoves`), the lag is `s - t_e` for the first mid sample `s >= t_e` with
 * `|mid(s) - fair(s)| <= epsilon`; moves with no such sample before the run's end are unresolved.
 */
export function pathDiscovery(record: RunRecord, moveThreshold: number, epsilon: number): PathDiscovery[] {
  const { truth, mids } = legView(record);
  const moves = truthMoves(truth, moveThreshold);
  return mids.keys.map((_k, g) => {
    const [venue, market] = mids.parts[g]!;
    const tg = truth.group(market!);
    const t = mids.times[g]!;
    const mid = mids.raw[g]!;
    const n = t.length;
    const out: PathDiscovery = { venue: venue!, market: market!, samples: n, missing: 0, errSum: 0, relSum: 0, errCount: 0, integral: 0, lags: [], events: 0, unresolved: 0 };
    // nextOk[i]: time of the first sample j >= i within epsilon of truth (NaN if none).
    const nextOk = new Float64Array(n + 1).fill(NaN);
    for (let i = n - 1; i >= 0; i--) {
      const m = mid[i]!;
      const f = truth.at(tg, t[i]!);
      const ok = Number.isFinite(m) && Number.isFinite(f);
      if (!Number.isFinite(m)) out.missing++;
      if (ok) {
        const e = Math.abs(m - f);
        out.errSum += e;
        out.relSum += f !== 0 ? e / Math.abs(f) : 0;
        out.errCount++;
        const until = i + 1 < n ? t[i + 1]! : record.duration;
        out.integral += e * Math.max(0, until - t[i]!);
      }
      nextOk[i] = ok && Math.abs(m - f) <= epsilon ? t[i]! : nextOk[i + 1]!;
    }
    if (tg >= 0) {
      const ev = moves[tg]!.times;
      for (let k = 0; k < ev.length; k++) {
        const te = ev[k]!;
        const i = lowerBound(t, te);
        out.events++;
        const s = nextOk[i]!;
        if (Number.isFinite(s)) out.lags.push(s - te);
        else out.unresolved++;
      }
    }
    return out;
  });
}

/** The price-discovery metric. */
export class DiscoveryMetric implements Metric {
  /**
   * @param id - component id
   * @param config - validated config
   */
  constructor(
    readonly id: string,
    private readonly config: DiscoveryConfig,
  ) {}

  compute(record: RunRecord): MetricRow[] {
    const paths = pathDiscovery(record, this.config.moveThreshold, this.config.epsilon);
    const sink = new RowSink();
    for (const scope of this.config.scopes as MetricScope[]) {
      const groups = new Map<string, Acc>();
      for (const p of paths) {
        const key = scope === 'venue' ? p.venue : scope === 'market' ? p.market : '';
        let a = groups.get(key);
        if (!a) groups.set(key, (a = newAcc()));
        a.samples += p.samples;
        a.missing += p.missing;
        a.errSum += p.errSum;
        a.relSum += p.relSum;
        a.errCount += p.errCount;
        a.integral += p.integral;
        for (const l of p.lags) a.lags.push(l);
        a.events += p.events;
        a.unresolved += p.unresolved;
      }
      for (const [key, a] of groups) {
        if (a.samples > 0) sink.add('mid_missing_fraction', scope, key, null, a.missing / a.samples);
        if (a.errCount > 0) {
          sink.add('tracking_error_mean', scope, key, null, a.errSum / a.errCount);
          sink.add('tracking_error_rel_mean', scope, key, null, a.relSum / a.errCount);
          sink.add('tracking_error_integrated', scope, key, null, a.integral);
        }
        sink.add('discovery_events', scope, key, null, a.events);
        if (a.events > 0) sink.add('discovery_unresolved_fraction', scope, key, null, a.unresolved / a.events);
        if (a.lags.length > 0) {
          const ones = new Float64Array(a.lags.length).fill(1);
          sink.add('discovery_lag_mean', scope, key, null, a.lags.reduce((x, y) => x + y, 0) / a.lags.length);
          sink.add('discovery_lag_p50', scope, key, null, weightedQuantile(a.lags, ones, 0.5));
          sink.add('discovery_lag_p95', scope, key, null, weightedQuantile(a.lags, ones, 0.95));
        }
      }
    }
    return sink.rows;
  }
}

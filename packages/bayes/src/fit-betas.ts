/**
 * Fits the risk model's betas from a finished run's Parquet files, as a function and as a script:
 *
 * ```
 * npx tsx packages/bayes/src/fit-betas.ts <run-folder> [--agent mm] [--horizon 20] [--lambda 1] [--out betas.json]
 * ```
 *
 * The run folder is what `venuelab run --out` writes: `metrics.parquet` (with the per-quote
 * diagnostics rows of the Bayesian GLFT maker's diagnostics metric, `perQuote: true`),
 * `trades.parquet` and `mids.parquet`. Read with DuckDB; imports nothing from venuelab.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { fitBetas, type BetaFit, type BetaObservation } from './beta-regression.js';
import { RISK_FEATURES, zeroFeatures, type FeatureVector, type RiskFeature } from './risk-model.js';

/** Prefix of the diagnostics metric rows that carry feature values. */
export const FEATURE_METRIC_PREFIX = 'bglft_x_';

/** Options of {@link fitBetasFromRun}. */
export interface FitBetasOptions {
  /** Agent id of the maker (default: every agent with diagnostics rows). */
  agent?: string;
  /** Markout horizon in ticks (default 20). */
  horizon?: number;
  /** Ridge penalty (default 1). */
  lambda?: number;
}

/** What {@link fitBetasFromRun} returns: the fit plus where the data came from. */
export interface RunBetaFit extends BetaFit {
  /** Run folder read. */
  run: string;
  /** Agents whose fills were used. */
  agents: string[];
  /** Markout horizon (ticks). */
  horizon: number;
}

function sq(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Index of the last element of sorted `xs` that is <= `x` (-1 if none). */
function lastAtOrBefore(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (xs[m]! <= x) {
      ans = m;
      lo = m + 1;
    } else hi = m - 1;
  }
  return ans;
}

/**
 * Reads a run folder and fits the betas: every maker fill leg of the agent is paired with the
 * features of the agent's latest quote at or before the fill (of the fill's market, for a
 * multi-asset agent whose diagnostics keys are `<agent>/<market>`), and its realised adverse move per
 * lot `-sign (mid(t + H) - mid_before)` on the fill's venue and market; {@link fitBetas} regresses
 * the standardised loss on the features.
 */
export async function fitBetasFromRun(dir: string, o: FitBetasOptions = {}): Promise<RunBetaFit> {
  const horizon = o.horizon ?? 20;
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    const file = (n: string) => sq(join(dir, n).replace(/\\/g, '/'));
    // Keys are agent ids, or `<agent>/<market>` for a multi-asset agent.
    const agentFilter = o.agent ? ` AND (key = ${sq(o.agent)} OR starts_with(key, ${sq(`${o.agent}/`)}))` : '';
    const diag = (
      await conn.runAndReadAll(
        `SELECT key, horizon, metric, value FROM read_parquet(${file('metrics.parquet')}) WHERE scope = 'agent' AND metric LIKE '${FEATURE_METRIC_PREFIX}%'${agentFilter} ORDER BY key, horizon`,
      )
    ).getRowObjects();
    const quotes = new Map<string, { t: number[]; x: FeatureVector[] }>();
    for (const r of diag) {
      const agent = String(r.key);
      const t = Number(r.horizon);
      const f = String(r.metric).slice(FEATURE_METRIC_PREFIX.length) as RiskFeature;
      if (!RISK_FEATURES.includes(f)) continue;
      let q = quotes.get(agent);
      if (!q) quotes.set(agent, (q = { t: [], x: [] }));
      if (q.t[q.t.length - 1] !== t) {
        q.t.push(t);
        q.x.push(zeroFeatures());
      }
      q.x[q.x.length - 1]![f] = Number(r.value);
    }
    const agentOf = (key: string) => (key.includes('/') ? key.slice(0, key.indexOf('/')) : key);
    const agents = [...new Set([...quotes.keys()].map(agentOf))];
    const obs: BetaObservation[] = [];
    if (agents.length > 0) {
      const mids = (await conn.runAndReadAll(`SELECT venue, market, t, mid FROM read_parquet(${file('mids.parquet')}) WHERE isfinite(mid) ORDER BY venue, market, t`)).getRowObjects();
      const path = new Map<string, { t: number[]; mid: number[] }>();
      for (const r of mids) {
        const k = `${String(r.venue)}\u0000${String(r.market)}`;
        let p = path.get(k);
        if (!p) path.set(k, (p = { t: [], mid: [] }));
        p.t.push(Number(r.t));
        p.mid.push(Number(r.mid));
      }
      const legs = (
        await conn.runAndReadAll(
          `SELECT agent, venue, market, t, side, mid_before FROM read_parquet(${file('trades.parquet')}) WHERE liquidity = 'maker' AND agent IN (${agents.map(sq).join(', ')}) ORDER BY t`,
        )
      ).getRowObjects();
      for (const r of legs) {
        const q = quotes.get(`${String(r.agent)}/${String(r.market)}`) ?? quotes.get(String(r.agent));
        if (!q) continue;
        const qi = lastAtOrBefore(q.t, Number(r.t));
        const p = path.get(`${String(r.venue)}\u0000${String(r.market)}`);
        const m0 = Number(r.mid_before);
        if (qi < 0 || !p || !Number.isFinite(m0)) continue;
        const mi = lastAtOrBefore(p.t, Number(r.t) + horizon);
        if (mi < 0) continue;
        const sign = String(r.side) === 'buy' ? 1 : -1;
        obs.push({ x: q.x[qi]!, loss: -sign * (p.mid[mi]! - m0) });
      }
    }
    return { ...fitBetas(obs, o.lambda ?? 1), run: dir, agents, horizon };
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

async function main(argv: string[]): Promise<void> {
  const dir = argv[0];
  if (!dir || dir.startsWith('--')) {
    process.stderr.write('usage: fit-betas <run-folder> [--agent id] [--horizon ticks] [--lambda ridge] [--out betas.json]\n');
    process.exitCode = 2;
    return;
  }
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const fit = await fitBetasFromRun(resolve(dir), {
    agent: opt('agent'),
    horizon: opt('horizon') !== undefined ? Number(opt('horizon')) : undefined,
    lambda: opt('lambda') !== undefined ? Number(opt('lambda')) : undefined,
  });
  const json = `${JSON.stringify(fit, null, 2)}\n`;
  const out = opt('out');
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}

/**
 * The arena score metric.
 * @module
 */
import type { Metric, MetricRow, RunRecord } from '@venuelab/kernel';
import { bookPaths } from './pnl-series.js';
import type { ArenaScoreConfig } from './schema.js';
import { arenaScore, bookCorrelation, portfolioSharpe } from './score.js';

/** Agents a config scores: `agents` if given, else every participant with one of `roles`, in record order. */
export function scoredAgents(record: RunRecord, config: Pick<ArenaScoreConfig, 'agents' | 'roles'>): string[] {
  if (config.agents) return [...config.agents];
  return record.participants.filter((p) => config.roles.includes(p.role)).map((p) => p.id);
}

/**
 * Inventory utilisation of paths: `mean_b mean_k |q_b(t_k)| * m_b(t_k) / capital` over the sample
 * ticks after 0 (a tick without a mark counts as 0).
 */
export function inventoryUtilisation(paths: readonly { inventory: number[]; mark: number[] }[], capital: number): number {
  if (paths.length === 0) return 0;
  let sum = 0;
  for (const p of paths) {
    let s = 0;
    const n = p.inventory.length - 1;
    for (let k = 1; k <= n; k++) {
      const m = p.mark[k]!;
      s += Number.isFinite(m) ? (Math.abs(p.inventory[k]!) * m) / capital : 0;
    }
    sum += n > 0 ? s / n : 0;
  }
  return sum / paths.length;
}

/** Builds the metric rows of a run (see the package README for the formulas). */
export function arenaScoreRows(record: RunRecord, c: ArenaScoreConfig): MetricRow[] {
  const rows: MetricRow[] = [];
  const add = (metric: string, scope: MetricRow['scope'], key: string, value: number) => rows.push({ metric, scope, key, horizon: null, value: Number.isFinite(value) ? value : 0 });
  const referenceVolume = (c.referenceVolume * record.duration) / 1000;
  for (const agent of scoredAgents(record, c)) {
    const paths = bookPaths(record, agent, c.interval, c.mark);
    const s = arenaScore(paths, { sharpeScale: c.sharpeScale, referenceVolume, activityCap: c.activityCap, outlierK: c.outlierK, outlierWeight: c.outlierWeight });
    add('arena_score', 'agent', agent, s.score);
    add('arena_sharpe_mean', 'agent', agent, s.sharpeMean);
    add('arena_sharpe_median', 'agent', agent, s.sharpeMedian);
    add('arena_activity', 'agent', agent, s.activity);
    add('arena_outlier_penalty', 'agent', agent, s.penalty);
    add('arena_win_rate', 'agent', agent, s.winRate);
    add('arena_inventory_utilisation', 'agent', agent, inventoryUtilisation(paths, c.capital));
    add('arena_pnl', 'agent', agent, s.pnl);
    add('arena_volume', 'agent', agent, paths.reduce((v, p) => v + p.volume, 0));
    add('arena_book_correlation', 'agent', agent, bookCorrelation(paths.map((p) => p.pnl)));
    add('arena_portfolio_sharpe', 'agent', agent, portfolioSharpe(paths.map((p) => p.pnl), c.sharpeScale));
    for (const b of s.books) {
      add('arena_book_sharpe', 'market', `${agent}@${b.market}`, b.sharpe);
      add('arena_book_score', 'market', `${agent}@${b.market}`, b.score);
      add('arena_book_pnl', 'market', `${agent}@${b.market}`, b.pnl);
    }
  }
  return rows;
}

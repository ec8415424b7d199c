/**
 * The scoring formulas, as pure functions over PnL series and volumes.
 * @module
 */

/** Mean of a list (0 for an empty list). */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Median of a list (0 for an empty list; the mean of the two middle values for an even length). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** Increments `d_k = x_k - x_(k-1)` of a series (k = 1..n-1). */
export function increments(series: readonly number[]): number[] {
  const d: number[] = [];
  for (let k = 1; k < series.length; k++) d.push(series[k]! - series[k - 1]!);
  return d;
}

/**
 * Sharpe ratio of a PnL series sampled every interval: `c * mean(d) / sd(d)` over its increments
 * `d`, with the sample standard deviation (n - 1). 0 when there are fewer than two increments or
 * they do not vary (a book never traded has Sharpe 0).
 */
export function sharpe(pnl: readonly number[], scale = 1): number {
  const d = increments(pnl);
  if (d.length < 2) return 0;
  const m = mean(d);
  let ss = 0;
  for (const x of d) ss += (x - m) * (x - m);
  const sd = Math.sqrt(ss / (d.length - 1));
  return sd > 1e-12 * Math.max(1, Math.abs(m)) ? (scale * m) / sd : 0;
}

/**
 * Mean pairwise Pearson correlation of the books' PnL increments (series sampled at the same
 * ticks): `mean over pairs b < b' of corr(d_b, d_b')`. Pairs with a constant series are skipped;
 * 0 when no pair is left (fewer than two books, or fewer than two increments).
 */
export function bookCorrelation(series: readonly (readonly number[])[]): number {
  const ds = series.map((s) => increments(s));
  const centred: { d: number[]; norm: number }[] = [];
  for (const d of ds) {
    if (d.length < 2) continue;
    const m = mean(d);
    const c = d.map((x) => x - m);
    let ss = 0;
    for (const x of c) ss += x * x;
    if (ss > 0) centred.push({ d: c, norm: Math.sqrt(ss) });
  }
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < centred.length; i++) {
    for (let j = i + 1; j < centred.length; j++) {
      const a = centred[i]!;
      const b = centred[j]!;
      const n = Math.min(a.d.length, b.d.length);
      let sp = 0;
      for (let k = 0; k < n; k++) sp += a.d[k]! * b.d[k]!;
      sum += sp / (a.norm * b.norm);
      pairs++;
    }
  }
  return pairs > 0 ? sum / pairs : 0;
}

/** Sharpe ratio of the portfolio: {@link sharpe} of the books' summed PnL series (sampled at the same ticks). */
export function portfolioSharpe(series: readonly (readonly number[])[], scale = 1): number {
  if (series.length === 0) return 0;
  const n = Math.min(...series.map((s) => s.length));
  const total = Array.from({ length: n }, (_, k) => series.reduce((acc, s) => acc + s[k]!, 0));
  return sharpe(total, scale);
}

/** Activity factor of a book: `min(cap, volume / referenceVolume)`. */
export function activityFactor(volume: number, referenceVolume: number, cap: number): number {
  return Math.min(cap, volume / referenceVolume);
}

/**
 * Outlier penalty over book scores `x_b`: with `m = median(x)`, `s = 1.4826 * median(|x - m|)` and
 * the floor `L = m - k * s`, `P = w * mean_b max(0, L - x_b)`: the mean shortfall of the books
 * below the floor (only the low side is penalised).
 */
export function outlierPenalty(x: readonly number[], k: number, w: number): number {
  if (x.length === 0) return 0;
  const m = median(x);
  const s = 1.4826 * median(x.map((v) => Math.abs(v - m)));
  const floor = m - k * s;
  let sum = 0;
  for (const v of x) sum += Math.max(0, floor - v);
  return (w * sum) / x.length;
}

/** Win rate: share of the non-zero increments that are positive, pooled over series (0 when none is non-zero). */
export function winRate(series: readonly (readonly number[])[]): number {
  let pos = 0;
  let nz = 0;
  for (const s of series) {
    for (const d of increments(s)) {
      if (d !== 0) nz++;
      if (d > 0) pos++;
    }
  }
  return nz > 0 ? pos / nz : 0;
}

/** One book's inputs to {@link arenaScore}. */
export interface BookSeries {
  /** Market id. */
  market: string;
  /** PnL at the sample ticks 0, Delta, 2 Delta, ... (tick-lots). */
  pnl: number[];
  /** Traded lots of the strategy on the book. */
  volume: number;
}

/** Scoring parameters (see the metric's config). */
export interface ScoreParams {
  /** Sharpe scale c. */
  sharpeScale: number;
  /** Reference volume for the whole run, lots per book. */
  referenceVolume: number;
  /** Activity cap. */
  activityCap: number;
  /** Outlier k. */
  outlierK: number;
  /** Outlier weight w. */
  outlierWeight: number;
}

/** Per-book results. */
export interface BookScore {
  /** Market id. */
  market: string;
  /** Sharpe S_b. */
  sharpe: number;
  /** Activity factor a_b. */
  activity: number;
  /** Book score x_b = S_b * a_b. */
  score: number;
  /** Final PnL of the book. */
  pnl: number;
}

/** The arena score of one strategy. */
export interface ArenaScore {
  /** Per-book results. */
  books: BookScore[];
  /** Mean of S_b. */
  sharpeMean: number;
  /** Median of S_b. */
  sharpeMedian: number;
  /** Mean of a_b. */
  activity: number;
  /** Outlier penalty P over the x_b. */
  penalty: number;
  /** Final score `mean_b x_b - P`. */
  score: number;
  /** Win rate over all books' PnL increments. */
  winRate: number;
  /** Sum of the books' final PnL. */
  pnl: number;
}

/**
 * The arena score: per book `S_b = sharpe(pnl_b)`, `a_b = activityFactor(V_b)`, `x_b = S_b * a_b`;
 * final score `mean_b x_b - outlierPenalty(x)`.
 */
export function arenaScore(books: readonly BookSeries[], p: ScoreParams): ArenaScore {
  const per: BookScore[] = books.map((b) => {
    const s = sharpe(b.pnl, p.sharpeScale);
    const a = activityFactor(b.volume, p.referenceVolume, p.activityCap);
    return { market: b.market, sharpe: s, activity: a, score: s * a, pnl: b.pnl.length > 0 ? b.pnl[b.pnl.length - 1]! : 0 };
  });
  const x = per.map((b) => b.score);
  const penalty = outlierPenalty(x, p.outlierK, p.outlierWeight);
  return {
    books: per,
    sharpeMean: mean(per.map((b) => b.sharpe)),
    sharpeMedian: median(per.map((b) => b.sharpe)),
    activity: mean(per.map((b) => b.activity)),
    penalty,
    score: mean(x) - penalty,
    winRate: winRate(books.map((b) => b.pnl)),
    pnl: per.reduce((s, b) => s + b.pnl, 0),
  };
}

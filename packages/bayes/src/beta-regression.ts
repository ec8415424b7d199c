/**
 * Fitting the risk model's betas by regression on realised markouts.
 * @module
 */
import { RISK_FEATURES, type FeatureVector } from './risk-model.js';

/** One observation: the features at the quote a fill hit, and the fill's realised loss. */
export interface BetaObservation {
  /** Feature values `x_i` at the quote. */
  x: FeatureVector;
  /** Realised markout loss per lot (price ticks; positive = loss). */
  loss: number;
}

/** Result of {@link fitBetas}. */
export interface BetaFit {
  /** Fitted betas (0 for features that did not vary). */
  betas: FeatureVector;
  /** Intercept of the standardised regression. */
  intercept: number;
  /** Observations used. */
  n: number;
  /** Mean and standard deviation of the loss. */
  lossMean: number;
  /** Standard deviation of the loss. */
  lossSd: number;
  /** R^2 of the fit. */
  r2: number;
}

/** Solves `M b = v` for a small symmetric positive-definite `M` (Gaussian elimination with partial pivoting). */
function solve(M: number[][], v: number[]): number[] {
  const n = v.length;
  const a = M.map((r, i) => [...r, v[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const d = a[c]![c]!;
    if (Math.abs(d) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / d;
      for (let k = c; k <= n; k++) a[r]![k] = a[r]![k]! - f * a[c]![k]!;
    }
  }
  return a.map((r, i) => (Math.abs(r[i]!) < 1e-300 ? 0 : r[n]! / r[i]!));
}

/**
 * Ridge regression of the standardised loss `y = (loss - mean) / sd` on the features:
 * `beta = argmin sum (y - b0 - sum beta_i x_i)^2 + lambda sum beta_i^2` (intercept unpenalised,
 * features centred). A fitted `beta_i` is the change of the loss, in standard deviations, per unit
 * of feature `i`; used as the risk model's coefficient it raises `log gamma` by one unit per
 * standard deviation of predicted markout loss. Features with no variation get beta 0.
 */
export function fitBetas(obs: readonly BetaObservation[], lambda = 1): BetaFit {
  const n = obs.length;
  const zero = Object.fromEntries(RISK_FEATURES.map((f) => [f, 0])) as FeatureVector;
  if (n < 3) return { betas: zero, intercept: 0, n, lossMean: NaN, lossSd: NaN, r2: 0 };
  const lossMean = obs.reduce((s, o) => s + o.loss, 0) / n;
  const lossSd = Math.sqrt(obs.reduce((s, o) => s + (o.loss - lossMean) ** 2, 0) / (n - 1)) || 1;
  const y = obs.map((o) => (o.loss - lossMean) / lossSd);
  const used = RISK_FEATURES.filter((f) => {
    const m = obs.reduce((s, o) => s + o.x[f], 0) / n;
    return obs.some((o) => Math.abs(o.x[f] - m) > 1e-12);
  });
  const means = used.map((f) => obs.reduce((s, o) => s + o.x[f], 0) / n);
  const X = obs.map((o) => used.map((f, j) => o.x[f] - means[j]!));
  const p = used.length;
  const M = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => X.reduce((s, r) => s + r[i]! * r[j]!, 0) + (i === j ? lambda : 0)));
  const v = Array.from({ length: p }, (_, i) => X.reduce((s, r, k) => s + r[i]! * y[k]!, 0));
  const b = p > 0 ? solve(M, v) : [];
  const betas = { ...zero };
  used.forEach((f, j) => (betas[f] = b[j]!));
  const intercept = -used.reduce((s, _f, j) => s + b[j]! * means[j]!, 0);
  let ssr = 0;
  let sst = 0;
  for (let k = 0; k < n; k++) {
    const pred = X[k]!.reduce((s, xv, j) => s + xv * b[j]!, 0);
    ssr += (y[k]! - pred) ** 2;
    sst += y[k]! ** 2;
  }
  return { betas, intercept, n, lossMean, lossSd, r2: sst > 0 ? 1 - ssr / sst : 0 };
}

/**
 * A Hawkes self-exciting intensity with an exponential kernel, for same-side fill cascades: its
 * online intensity and an EM fit of its parameters.
 * @module
 */

/** Parameters of an exponential-kernel Hawkes process. */
export interface HawkesParams {
  /** Background rate `mu` (events per tick). */
  mu: number;
  /** Branching ratio `n` in [0, 1): expected events each event triggers. */
  n: number;
  /** Decay rate `beta` of the kernel per tick. */
  beta: number;
}

/**
 * The intensity `lambda(t) = mu + n beta sum_{t_i < t} exp(-beta (t - t_i))`, kept online: the
 * excitation sum decays by `exp(-beta dt)` between events and gains 1 at each event, so each step
 * costs O(1). After a cascade `lambda` stays elevated for about `1 / beta` ticks; the ratio
 * `lambda / mu` is the cascade feature of the risk model.
 */
export class HawkesIntensity {
  private excitation = 0;
  private lastT = NaN;
  private events = 0;

  /** @param params - the process parameters */
  constructor(public params: HawkesParams) {}

  private decayTo(t: number): void {
    if (this.lastT === this.lastT && t > this.lastT) this.excitation *= Math.exp(-this.params.beta * (t - this.lastT));
    if (!(this.lastT === this.lastT) || t > this.lastT) this.lastT = t;
  }

  /** Records an event at tick `t` (non-decreasing). */
  addEvent(t: number): void {
    this.decayTo(t);
    this.excitation += 1;
    this.events++;
  }

  /** Events recorded. */
  get count(): number {
    return this.events;
  }

  /** The intensity just after tick `t` (events at `t` included). */
  intensity(t: number): number {
    this.decayTo(t);
    const p = this.params;
    return p.mu + p.n * p.beta * this.excitation;
  }

  /** The excitation ratio `lambda(t) / mu` (1 = no cascade under way). */
  ratio(t: number): number {
    return this.intensity(t) / this.params.mu;
  }
}

/** Log-likelihood of event times `times` (sorted) on `[0, T]` under `p`. */
export function hawkesLogLikelihood(times: ArrayLike<number>, T: number, p: HawkesParams): number {
  let a = 0;
  let prev = NaN;
  let ll = -p.mu * T;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (prev === prev) a = Math.exp(-p.beta * (t - prev)) * (a + 1);
    ll += Math.log(p.mu + p.n * p.beta * a) - p.n * -Math.expm1(-p.beta * (T - t));
    prev = t;
  }
  return ll;
}

/** Options of {@link fitHawkes}. */
export interface HawkesFitOptions {
  /** Starting point (default: mu = half the mean rate, n = 0.5, beta = 10 / (mean gap)). */
  init?: HawkesParams;
  /** EM iterations at most. Default 500. */
  maxIterations?: number;
  /** Stop when the relative change of every parameter is below this. Default 1e-7. */
  tolerance?: number;
}

/**
 * Fits `(mu, n, beta)` to sorted event times on `[0, T]` by expectation-maximisation (the
 * branching-structure EM of Veen & Schoenberg 2008, with the exponential kernel's recursions so an
 * iteration costs O(N)). With `A_i = sum_{j<i} e^{-beta (t_i - t_j)}` and
 * `B_i = sum_{j<i} (t_i - t_j) e^{-beta (t_i - t_j)}` (both recursive), `lambda_i = mu + n beta A_i`:
 *
 * ```
 * mu'   = sum_i (mu / lambda_i) / T
 * n'    = sum_i (n beta A_i / lambda_i) / sum_i (1 - e^{-beta (T - t_i)})
 * beta' = sum_i (n beta A_i / lambda_i) / sum_i (n beta B_i / lambda_i)
 * ```
 */
export function fitHawkes(times: ArrayLike<number>, T: number, o: HawkesFitOptions = {}): HawkesParams & { iterations: number; logLikelihood: number } {
  const N = times.length;
  if (N < 2 || !(T > 0)) throw new RangeError('fitHawkes needs at least two events and T > 0');
  const rate = N / T;
  let p: HawkesParams = o.init ?? { mu: rate / 2, n: 0.5, beta: 10 * rate };
  const maxIt = o.maxIterations ?? 500;
  const tol = o.tolerance ?? 1e-7;
  let it = 0;
  for (; it < maxIt; it++) {
    let a = 0;
    let b = 0;
    let prev = NaN;
    let sBg = 0;
    let sTrig = 0;
    let sTime = 0;
    let sComp = 0;
    for (let i = 0; i < N; i++) {
      const t = times[i]!;
      if (prev === prev) {
        const dt = t - prev;
        const e = Math.exp(-p.beta * dt);
        b = e * (b + dt * (a + 1));
        a = e * (a + 1);
      }
      prev = t;
      const lam = p.mu + p.n * p.beta * a;
      sBg += p.mu / lam;
      sTrig += (p.n * p.beta * a) / lam;
      sTime += (p.n * p.beta * b) / lam;
      sComp += -Math.expm1(-p.beta * (T - t));
    }
    const next: HawkesParams = {
      mu: sBg / T,
      n: Math.min(0.999, sTrig / sComp),
      beta: sTime > 0 ? sTrig / sTime : p.beta,
    };
    const change = Math.max(Math.abs(next.mu / p.mu - 1), Math.abs(next.n - p.n) / Math.max(p.n, 1e-12), Math.abs(next.beta / p.beta - 1));
    p = next;
    if (change < tol || !(p.n > 1e-9)) break;
  }
  return { ...p, iterations: it + 1, logLikelihood: hawkesLogLikelihood(times, T, p) };
}

import { describe, it, expect } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import agg, { crossEvidence, type AggregatedEvidenceAgent } from '../src/index.js';
import { CONTINUOUS, capture, logTruth, rows, scriptSignals, scriptVenue } from './helpers.js';

const A: MarketSpec = { id: 'A', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const B: MarketSpec = { id: 'B', tickSize: 0.01, lotSize: 1, openingMid: 50, kind: 'price' };
const flat = logTruth((m) => Math.log(m === 'A' ? 100 : 50));

/** Exact posterior mean and variance of d_A given readings of A and B (bivariate normal, variance v, correlation rho). */
function exactPosterior(yA: number, rA: number, yB: number, rB: number, v: number, rho: number) {
  // Sigma_yy = [[v + rA, rho v], [rho v, v + rB]]; Sigma_Ay = [v, rho v]
  const a = v + rA;
  const b = rho * v;
  const d = v + rB;
  const det = a * d - b * b;
  const inv = [d / det, -b / det, -b / det, a / det];
  const k0 = v * inv[0]! + rho * v * inv[2]!;
  const k1 = v * inv[1]! + rho * v * inv[3]!;
  return { mean: k0 * yA + k1 * yB, variance: v - (k0 * v + k1 * rho * v) };
}

describe('crossEvidence', () => {
  it('with the prior N(anchor, v) gives the bivariate-normal conditional mean E[x_m | s_j] (hand-computed)', () => {
    // v = 1e-4, rho = 0.6, r = 1 / 2e4 = 5e-5: E[d_m | s_j] = rho v / (v + r) (s_j - a_j) = 0.4 (s_j - a_j)
    const e = crossEvidence({ value: 0.01, precision: 2e4 }, 0, 5, 0.6, 1e-4);
    expect(e.value).toBeCloseTo(5 + 0.01 / 0.6, 14);
    expect(1 / e.precision).toBeCloseTo((1e-4 * 0.64 + 5e-5) / 0.36, 18);
    const post = (1e4 * 5 + e.precision * e.value) / (1e4 + e.precision);
    expect(post - 5).toBeCloseTo(0.4 * 0.01, 14);
  });
  it('carries nothing when rho = 0', () => {
    expect(crossEvidence({ value: 1, precision: 1e4 }, 0, 5, 0, 1e-4).precision).toBe(0);
  });
});

describe('aggregated-evidence agent', () => {
  const run = (readings: Parameters<typeof scriptSignals>[0], config: Record<string, unknown>, book = { bid: 1, ask: 100000 }) => {
    const got: AggregatedEvidenceAgent[] = [];
    const out = runTest({
      duration: 30,
      markets: [A, B],
      truth: { plugin: flat },
      venues: [{ plugin: scriptVenue(book, CONTINUOUS, []), id: 'v' }],
      agents: [
        { plugin: scriptSignals(readings), id: 'src' },
        { plugin: capture(agg, got), id: 'agg', config: { priorPrecision: 1e4, review: false, ...config } },
      ],
    });
    return { agent: got[0]!, record: out.record };
  };

  it('pools a reading of A and a reading of B into the exact posterior of A', () => {
    const yA = 0.004;
    const yB = -0.01;
    const { agent } = run(
      [
        { at: 5, market: 'A', value: Math.log(100) + yA, precision: 1e4 },
        { at: 5, market: 'B', value: Math.log(50) + yB, precision: 4e4 },
      ],
      { correlation: 0.7 },
    );
    const exact = exactPosterior(yA, 1e-4, yB, 2.5e-5, 1e-4, 0.7);
    expect(agent.fairLatent('A') - Math.log(100)).toBeCloseTo(exact.mean, 14);
    expect(1 / agent.belief('A')!.precision).toBeCloseTo(exact.variance, 16);
    const exactB = exactPosterior(yB, 2.5e-5, yA, 1e-4, 1e-4, 0.7);
    expect(agent.fairLatent('B') - Math.log(50)).toBeCloseTo(exactB.mean, 14);
  });

  it('a reading of B alone moves its belief about A and makes it trade A', () => {
    const { agent, record } = run(
      [{ at: 5, market: 'B', value: Math.log(50) + 0.02, precision: 1e6 }],
      { correlation: 0.9, threshold: 0.005, decideOnSignal: true },
      { bid: 4990, ask: 5010 },
    );
    // belief about A: ln 100 + 0.9 * 1e-4 / (1e-4 + 1e-6) * 0.02 = ln 100 + 0.01782; price 50.10 (A's book shows 49.90/50.10 too: a buy of A and of B)
    expect(agent.fairLatent('A') - Math.log(100)).toBeCloseTo((0.9 * 1e-4 * 0.02) / (1e-4 + 1e-6), 12);
    const orders = rows(record.orders).map((r) => `${r.market}:${r.side}`).sort();
    expect(orders).toEqual(['A:buy', 'B:buy']);
  });

  it('uses per-pair correlations and refuses a malformed pair key', () => {
    const { agent } = run([{ at: 5, market: 'B', value: Math.log(50) + 0.02, precision: 1e6 }], { correlation: 0.9, correlations: { 'B|A': 0 } });
    expect(agent.correlation('A', 'B')).toBe(0);
    expect(agent.fairLatent('A')).toBe(Math.log(100));
    expect(() => run([], { correlations: { 'A-B': 0.5 } })).toThrow(/A\|B/);
  });
});

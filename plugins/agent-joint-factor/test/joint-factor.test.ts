import { describe, it, expect } from 'vitest';
import type { MarketSpec } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import { Matrix, linearGaussianPosterior } from '@venuelab/models';
import frozen from '@venuelab/plugin-truth-frozen';
import randomWalk from '@venuelab/plugin-truth-random-walk';
import jointFactor, { configFactorModel, jointFactorConfigSchema, type JointFactorAgent } from '../src/index.js';
import { CONTINUOUS, capture, logTruth, rows, scriptSignals, scriptVenue } from './helpers.js';

const A: MarketSpec = { id: 'A', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const B: MarketSpec = { id: 'B', tickSize: 0.01, lotSize: 1, openingMid: 50, kind: 'price' };
const C: MarketSpec = { id: 'C', tickSize: 0.01, lotSize: 1, openingMid: 20, kind: 'price' };
const anchor = (m: MarketSpec) => Math.log(m.openingMid);

function run(truth: { plugin: any; config?: unknown }, readings: Parameters<typeof scriptSignals>[0], config: Record<string, unknown>, markets = [A, B, C], book = { bid: 1, ask: 100000 }) {
  const got: JointFactorAgent[] = [];
  const out = runTest({
    duration: 40,
    markets,
    truth,
    venues: [{ plugin: scriptVenue(book, CONTINUOUS, []), id: 'v' }],
    agents: [
      { plugin: scriptSignals(readings), id: 'src' },
      { plugin: capture(jointFactor, got), id: 'jf', config: { review: false, ...config } },
    ],
  });
  return { agent: got[0]!, record: out.record };
}

describe('joint-factor agent', () => {
  const frozenTruth = {
    plugin: frozen,
    config: { factors: 2, betas: { A: [1, 0.2], B: [0.8, -0.5], C: [0.1, 1] }, factorVariance: [4e-4, 1e-4], idioVariance: 1e-4 },
  };
  const readings = [
    { at: 5, market: 'A', value: anchor(A) + 0.02, precision: 1e4 },
    { at: 5, market: 'B', value: anchor(B) - 0.01, precision: 2e4 },
    { at: 7, market: 'A', value: anchor(A) + 0.015, precision: 5e3 },
  ];

  it('uses the frozen truth\'s factor model and matches the closed-form linear-Gaussian posterior', () => {
    const { agent } = run(frozenTruth, readings, {});
    expect(agent.source).toBe('truth');
    // state [f1, f2, eA, eB, eC]; prior diag(4e-4, 1e-4, 1e-4, 1e-4, 1e-4)
    const h = { A: [1, 0.2, 1, 0, 0], B: [0.8, -0.5, 0, 1, 0] } as const;
    const exact = linearGaussianPosterior([0, 0, 0, 0, 0], Matrix.diagonal([4e-4, 1e-4, 1e-4, 1e-4, 1e-4]), [
      { h: h.A, y: 0.02, r: 1e-4 },
      { h: h.B, y: -0.01, r: 5e-5 },
      { h: h.A, y: 0.015, r: 2e-4 },
    ]);
    const s = agent.state();
    for (let i = 0; i < 5; i++) expect(s.mean[i]).toBeCloseTo(exact.mean[i]!, 12);
    for (let i = 0; i < 25; i++) expect(s.cov.data[i]).toBeCloseTo(exact.cov.data[i]!, 14);
    // fair value of C, never read: anchor + beta_C . f
    const fC = exact.mean[0]! * 0.1 + exact.mean[1]! * 1;
    expect(agent.fairLatent('C') - anchor(C)).toBeCloseTo(fC, 12);
  });

  it('builds the structure from its config when the truth provides none; model "truth" then fails', () => {
    const rw = { plugin: randomWalk, config: { q: 1e-7 } };
    const { agent } = run(rw, readings, { factors: 1, loadings: { B: [0.5] } });
    expect(agent.source).toBe('config');
    const exact = linearGaussianPosterior([0, 0, 0, 0], Matrix.diagonal([1e-4, 1e-4, 1e-4, 1e-4]), [
      { h: [1, 1, 0, 0], y: 0.02, r: 1e-4 },
      { h: [0.5, 0, 1, 0], y: -0.01, r: 5e-5 },
      { h: [1, 1, 0, 0], y: 0.015, r: 2e-4 },
    ]);
    expect(agent.fairLatent('C') - anchor(C)).toBeCloseTo(exact.mean[0]!, 12);
    expect(() => run(rw, readings, { model: 'truth' })).toThrow(/LatentFactorModel/);
  });

  it('time-aware step: Sigma grows by Q dt between readings (scalar case by hand)', () => {
    // One market, one factor with loading 1, no idiosyncratic state: x = anchor + f, reading variance r + idio.
    const q = 2e-6;
    const { agent } = run(
      { plugin: logTruth(() => anchor(A)) },
      [
        { at: 10, market: 'A', value: anchor(A) + 0.01, precision: 1e4 },
        { at: 30, market: 'A', value: anchor(A) - 0.004, precision: 1e4 },
      ],
      { factors: 1, factorVariance: 1e-4, idioVariance: 5e-5, includeIdiosyncratic: false, qFactor: q },
      [A],
    );
    let v = 1e-4 + q * 10;
    let m = 0;
    let k = v / (v + 1e-4 + 5e-5);
    m += k * (0.01 - m);
    v *= 1 - k;
    v += q * 20;
    k = v / (v + 1e-4 + 5e-5);
    m += k * (-0.004 - m);
    v *= 1 - k;
    expect(agent.fair('A').mean - anchor(A)).toBeCloseTo(m, 14);
    expect(agent.fair('A').variance).toBeCloseTo(v + 5e-5, 16);
  });

  it('a reading of one market moves the others through the factors and makes it trade them', () => {
    const { record } = run(
      { plugin: logTruth((m) => Math.log(m === 'A' ? 100 : 100)) },
      [{ at: 5, market: 'A', value: Math.log(100) + 0.02, precision: 1e6 }],
      { factors: 1, threshold: 0.004, qty: 1 },
      [A, { ...B, openingMid: 100 }],
      { bid: 9995, ask: 10005 },
    );
    // f | reading: 1e-4 / (2e-4 + 1e-6) * 0.02 = 0.00995 on both markets; ask ln(100.05 / 100) = 0.0005: both bought
    expect(rows(record.orders).map((r) => `${r.market}:${r.side}`).sort()).toEqual(['A:buy', 'B:buy']);
  });

  it('config model: refuses loadings of the wrong length or for unknown markets', () => {
    const cfg = jointFactorConfigSchema.parse({ factors: 2, loadings: { A: [1] } });
    expect(() => configFactorModel(cfg, 'log', new Map([['A', 0]]))).toThrow(/expected 2/);
    const cfg2 = jointFactorConfigSchema.parse({ loadings: { Z: [1] } });
    expect(() => configFactorModel(cfg2, 'log', new Map([['A', 0]]))).toThrow(/unknown market/);
  });
});

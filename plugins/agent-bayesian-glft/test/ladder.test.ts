/**
 * The posted ladder: every level the expected-PnL filter keeps rests on the CLOB with its size, no
 * level with negative expected PnL is posted, and an unchanged ladder sends no messages.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MarketSpec } from '@venuelab/kernel';
import { capture, rows, runTest } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import rw from '@venuelab/plugin-truth-random-walk';
import { glftQuote, RISK_FEATURES } from '@venuelab/bayes';
import bayesian, { BayesianGlftMaker } from '../src/index.js';
import diagnostics from '../diagnostics/index.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const S = 10_000; // opening mid in price ticks: the reference on an empty book
const flat = { plugin: rw, config: { q: 0 } };
const OFF = Object.fromEntries(RISK_FEATURES.map((f) => [f, 0]));
const P = { gamma: 0.05, sigma: 0.5, A: 0.5, kappa: 0.8 };

/** A maker whose every input is fixed, with the markout model's adverse move held at `adverse` per lot. */
function handSet(o: { adverse: number; levels: number; spacing: number; sizes: number[]; fee?: number; carry?: number; keepUnchanged?: boolean; maxInventory?: number }) {
  return {
    keepUnchanged: o.keepUnchanged ?? true,
    maxInventory: o.maxInventory ?? 100,
    carry: o.carry ?? 0,
    risk: { gammaBase: P.gamma, betas: OFF },
    volatility: { estimator: 'fixed', sigma: P.sigma },
    intensity: { estimator: 'fixed', A: P.A, kappa: P.kappa },
    drift: { estimator: 'none' },
    hawkes: { refitEvery: 0 },
    markout: { priorMean: o.adverse, priorWeight: 1e9, slopePriorWeight: 1e9 },
    ladder: { levels: o.levels, spacing: o.spacing, sizes: o.sizes, fee: o.fee ?? 0 },
  };
}

function run(config: object, duration: number) {
  const agents: BayesianGlftMaker[] = [];
  const out = runTest({
    seed: 1,
    duration,
    markets: [M],
    truth: flat,
    venues: [{ plugin: clob, id: 'v' }],
    agents: [{ plugin: capture(bayesian, agents), id: 'mm', latency: { reviewInterval: 10, orderLatency: 1 }, config }],
    metrics: [{ plugin: diagnostics, id: 'diag' }],
  });
  // Messages of one tick reach the venue in a shuffled order (tie policy): sort by time, bids then asks, innermost first.
  const orders = rows(out.record.orders)
    .filter((r) => r.agent === 'mm')
    .sort((a, b) => a.t - b.t || (a.action === b.action ? 0 : a.action === 'cancel' ? -1 : 1) || (a.side === b.side ? Math.abs(a.price - S) - Math.abs(b.price - S) : a.side === 'buy' ? -1 : 1));
  return { out, agent: agents[0]!, orders };
}

describe('Bayesian GLFT posted ladder', () => {
  // Level 0 offset with q = 0, no drift, no carry: half-spread plus the volatility term.
  const q0 = glftQuote({ q: 0, ...P });
  const delta = q0.bid;

  it('a hand-set state where the filter keeps 2 of 5 levels rests exactly 2 orders per side at the computed prices and sizes; an unchanged requote sends nothing', () => {
    // Expected PnL of level j is delta + j - adverse: levels 3 and 4 are >= 0, levels 0-2 are < 0.
    const adverse = delta + 2.5;
    const { out, agent, orders } = run(handSet({ adverse, levels: 5, spacing: 1, sizes: [1, 2, 3, 4, 5] }), 45);
    const want = [
      { side: 'buy', price: Math.floor(S - delta - 3), qty: 4 },
      { side: 'buy', price: Math.floor(S - delta - 4), qty: 5 },
      { side: 'sell', price: Math.ceil(S + delta + 3), qty: 4 },
      { side: 'sell', price: Math.ceil(S + delta + 4), qty: 5 },
    ];
    // Reviews at 0, 10, 20, 30, 40; the ladder never changes, so only the first review sends anything.
    expect(agent.stats.reviews).toBe(5);
    expect(orders.map((r) => ({ t: r.t, action: r.action, side: r.side, price: r.price, qty: r.qty, status: r.status }))).toEqual(
      want.map((w) => ({ t: 0, action: 'limit', ...w, status: 'resting' })),
    );
    expect(agent.openOrders).toBe(4);
    // The diagnostics record each posted level: index, price, size, expected PnL (at the grid price).
    const d = agent.lastQuote!;
    expect(d.levelsBid).toBe(2);
    expect(d.levels.map((l) => [l.side, l.index, l.price, l.size])).toEqual(want.map((w, i) => [w.side, 3 + (i % 2), w.price, w.qty]));
    for (const l of d.levels) {
      const offset = l.side === 'buy' ? S - l.price : l.price - S;
      expect(l.expectedPnl).toBeCloseTo(offset - adverse, 9);
      expect(l.expectedPnl).toBeGreaterThanOrEqual(0);
    }
    const m = out.metrics.filter((r) => r.key === 'mm' && r.horizon === 40);
    expect(m.find((r) => r.metric === 'bglft_bid3_price')!.value).toBe(want[0]!.price);
    expect(m.find((r) => r.metric === 'bglft_ask4_size')!.value).toBe(5);
    expect(m.find((r) => r.metric === 'bglft_ask3_pnl')!.value).toBeCloseTo(d.levels[2]!.expectedPnl, 12);
    expect(m.some((r) => r.metric.startsWith('bglft_bid2_'))).toBe(false);
  });

  it('with keepUnchanged false every level is cancelled and reposted at each review', () => {
    const { agent, orders } = run(handSet({ adverse: delta + 2.5, levels: 5, spacing: 1, sizes: [1], keepUnchanged: false }), 25);
    expect(agent.stats.reviews).toBe(3);
    expect(orders.filter((r) => r.action === 'limit').length).toBe(12);
    expect(orders.filter((r) => r.action === 'cancel' && r.status === 'cancelled').length).toBe(8);
  });

  it('keeps levels innermost first within maxInventory, and sizes repeat the last entry', () => {
    const { orders } = run(handSet({ adverse: -10, levels: 4, spacing: 1, sizes: [2, 3], maxInventory: 7 }), 5);
    // Every level has positive expected PnL; bids 2 + 3 = 5 fit, + 3 would reach 8 > 7.
    expect(orders.map((r) => [r.side, r.qty])).toEqual([
      ['buy', 2],
      ['buy', 3],
      ['sell', 2],
      ['sell', 3],
    ]);
  });

  it('never posts a level whose expected PnL is negative, and posts every level whose expected PnL is not (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 8, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (adverse, levels, spacing, fee, carry) => {
          const { orders, agent } = run(handSet({ adverse, levels, spacing, sizes: [1], fee, carry }), 3);
          // Closed form: the capture against the reservation price s - carry is delta + j spacing on both sides.
          const pnlOf = (j: number) => delta + j * spacing - adverse - fee;
          const kept = Array.from({ length: levels }, (_, j) => j).filter((j) => pnlOf(j) >= 1e-9);
          for (const r of orders) {
            expect(r.action).toBe('limit');
            // Expected PnL of the posted price, valued at the reservation price.
            const pnl = r.side === 'buy' ? S - carry - r.price - adverse - fee : r.price - (S - carry) - adverse - fee;
            expect(pnl).toBeGreaterThanOrEqual(-1e-9);
          }
          for (const side of ['buy', 'sell']) {
            const n = orders.filter((r) => r.side === side).length;
            expect(n).toBeGreaterThanOrEqual(kept.length);
            expect(n).toBeLessThanOrEqual(kept.length + (kept.length < levels && pnlOf(levels - kept.length - 1) > -1e-9 ? 1 : 0));
          }
          for (const l of agent.lastQuote!.levels) expect(l.expectedPnl).toBeGreaterThanOrEqual(-1e-9);
        },
      ),
      { numRuns: 25 },
    );
  });
});

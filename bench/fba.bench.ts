/**
 * FBA clearing time: one uniform-price call over a batch of n random limit orders around a mid
 * (bids and asks each drawn from a normal with sd 20 ticks around the mid, bids 3 ticks below and
 * asks 3 ticks above, so the book crosses over a wide band: about 40% of the orders trade, about
 * 0.4 n fills, and the marginal level is rationed). Only `tick` (the call) is timed; the
 * submissions are not (a full garbage collection runs before the call). Clearing is a few O(n)
 * passes over the orders plus one sort (or counting) of the distinct price levels.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createStream } from '@venuelab/kernel';
import { venueHarness } from '@venuelab/testing';
import fba, { type FbaVenue } from '@venuelab/plugin-venue-fba';
import type { Benchmark } from './types.js';

const MID = 10_000;

// Collect the garbage of building the batch before timing the call, so that the figure is the
// call's own cost rather than a collection of the set-up's garbage that happens to land in it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * One venue per batch size, kept across repeats as in a run (so the JIT sees one venue, not a new
 * one per repeat): each repeat cancels what the previous batch left, submits a fresh batch of `n`
 * orders, collects garbage and lets the collector settle, and times the call alone.
 */
function clearing(n: number): () => Promise<number> {
  const h = venueHarness<FbaVenue>(fba, { tau: 1 });
  const v = h.venue;
  const rng = createStream(n, 'bench:fba');
  let nextId = 1;
  let lastIds: number[] = [];
  return async () => {
    for (const id of lastIds) v.cancelOrder({ orderId: id, agentId: `a${id % 500}`, submittedAt: h.now });
    lastIds = [];
    for (let i = 0; i < n; i++) {
      const id = nextId++;
      const buy = rng.bernoulli(0.5);
      const price = Math.max(1, Math.round(MID + (buy ? -3 : 3) + rng.normal(0, 20)));
      v.submitLimitOrder({ orderId: id, agentId: `a${id % 500}`, market: 'M', side: buy ? 'buy' : 'sell', price, qty: 1 + rng.int(10), submittedAt: h.now });
      lastIds.push(id);
    }
    h.fills.length = 0; // the harness keeps every fill; drop the previous batch's
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50)); // let concurrent sweeping finish
    const t0 = performance.now();
    h.advance(h.now + 1);
    const ms = performance.now() - t0;
    if (h.fills.length === 0 || v.restingOrderCount() >= n) throw new Error('fba bench: the batch did not trade');
    return ms;
  };
}

const bench = (n: number, target?: number): Benchmark => ({
  name: `fba clear one batch, ${n.toLocaleString('en-US')} limit orders`,
  unit: 'ms',
  better: 'lower',
  target,
  repeats: 7,
  run: clearing(n),
});

export const benchmarks: Benchmark[] = [bench(100), bench(10_000), bench(100_000, 50)];

/**
 * Venue fuzzing (issue 10): every first-party venue runs FUZZ_STEPS (default 100,000) seeded,
 * model-based random steps, valid and invalid messages mixed, checked after every step by the
 * conformance model (no exception escapes, coded rejections of every invalid message, no crossed
 * book, quantity and cash conserved). A failure names the seed: rerun with FUZZ_SEED=<seed>.
 */
import { describe, expect, it } from 'vitest';
import { RejectReason } from '@venuelab/kernel';
import { runVenueFuzz, VenueFuzzFailure, venueFuzz, venueHarness, type VenueFuzzReport } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import fba from '@venuelab/plugin-venue-fba';
import amm from '@venuelab/plugin-venue-amm';
import hybrid from '@venuelab/plugin-venue-hybrid';
import intensity from '@venuelab/plugin-venue-intensity';

/** The run really exercised trading and the invalid-message paths (not a fuzzer that does nothing). */
function exercised(expectFills = true) {
  return (r: VenueFuzzReport) => {
    expect(r.steps).toBeGreaterThanOrEqual(r.streams);
    if (expectFills) expect(r.fills).toBeGreaterThan(0);
    // coded rejections of the malformed messages were seen
    for (const code of [RejectReason.BadQuantity, RejectReason.BadPrice, RejectReason.OffTick, RejectReason.UnknownMarket, RejectReason.UnknownOrder, RejectReason.DuplicateId]) {
      expect(r.rejections[code] ?? 0, code).toBeGreaterThan(0);
    }
  };
}

describe('venue fuzzing', () => {
  // The CLOB with fees and self-trade prevention, on a coarse grid so off-lot quantities occur.
  venueFuzz(
    'venue-clob',
    (seed) => venueHarness(clob, { tickSize: 5, lotSize: 10, selfTradePrevention: 'cancelResting', makerFeeBps: -1, takerFeeBps: 3 }, { seed }),
    { tickSize: 5, lotSize: 10, acceptableRejections: [] },
    (r) => {
      exercised()(r);
      expect(r.rejections[RejectReason.ForeignOrder] ?? 0).toBeGreaterThan(0);
    },
  );
  venueFuzz('venue-fba', (seed) => venueHarness(fba, { tau: 3, makerFeeBps: -1, takerFeeBps: 2 }, { seed }), {}, exercised());
  venueFuzz(
    'venue-amm',
    (seed) => venueHarness(amm, { curve: 'constantProduct', reserveLots: 10_000, feeBps: 30 }, { seed, id: 'amm' }),
    { poolIds: ['amm:pool'], acceptableRejections: [RejectReason.NoLiquidity] },
    exercised(),
  );
  venueFuzz(
    'venue-hybrid',
    (seed) => venueHarness(hybrid, { pool: { curve: 'constantProduct', reserveLots: 10_000, feeBps: 3 }, book: { takerFeeBps: 3, makerFeeBps: -1 } }, { seed, id: 'hy' }),
    { poolIds: ['hy:pool'], acceptableRejections: [] },
    exercised(),
  );
  venueFuzz(
    'venue-intensity',
    (seed) => venueHarness(intensity, { A: 140, k: 1.5, dt: 0.005, makerFeeBps: -1, takerFeeBps: 2 }, { seed, id: 'iv' }),
    { poolIds: ['iv:flow'], acceptableRejections: [RejectReason.Unsupported] },
    exercised(),
  );
});

describe('the venue fuzzer', () => {
  it('catches a venue that accepts a NaN quantity, and names the seed', () => {
    // a CLOB that answers a NaN-quantity limit order as if it rested (and changes nothing)
    const broken = (seed: number) => {
      const h = venueHarness(clob, {}, { seed });
      const real = h.venue.submitLimitOrder.bind(h.venue);
      h.venue.submitLimitOrder = (o) => (Number.isNaN(o.qty) ? { orderId: o.orderId, status: 'resting', filledQty: 0, remainingQty: 1 } : real(o));
      return h;
    };
    let err: unknown;
    try {
      runVenueFuzz('broken-clob', broken, { steps: 5_000, seed: 99, acceptableRejections: [] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VenueFuzzFailure);
    expect((err as VenueFuzzFailure).seed).toBe(99);
    expect((err as Error).message).toContain('FUZZ_SEED=99');
    expect((err as Error).message).toMatch(/qtyNaN/);
  });
});

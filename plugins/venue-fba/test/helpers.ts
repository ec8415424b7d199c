import { venueHarness, type VenueHarness } from '@venuelab/testing';
import type { Fill, OrderResult, Side } from '@venuelab/kernel';
import fba, { type FbaVenue } from '../src/index.js';

/** A hand-driven FBA on market `M` with helpers that assign order ids in submission order. */
export interface Bench {
  h: VenueHarness<FbaVenue>;
  v: FbaVenue;
  lim(agent: string, side: Side, price: number, qty: number): number;
  mkt(agent: string, side: Side, qty: number): number;
  results: Map<number, OrderResult>;
  /** Advances to `t` (running the venue clock) and returns the fills of those ticks. */
  runTo(t: number): Fill[];
}

export function setup(config: Record<string, unknown> = {}): Bench {
  const h = venueHarness<FbaVenue>(fba, config);
  let next = 1;
  const results = new Map<number, OrderResult>();
  return {
    h,
    v: h.venue,
    results,
    lim(agent, side, price, qty) {
      const id = next++;
      results.set(id, h.venue.submitLimitOrder({ orderId: id, agentId: agent, market: 'M', side, price, qty, submittedAt: h.now }));
      return id;
    },
    mkt(agent, side, qty) {
      const id = next++;
      results.set(id, h.venue.submitMarketOrder({ orderId: id, agentId: agent, market: 'M', side, qty, submittedAt: h.now }));
      return id;
    },
    runTo(t) {
      h.advance(t);
      return h.drain();
    },
  };
}

/** A compact view of a fill for exact comparisons. */
export function brief(f: Fill): string {
  return `${f.qty}@${f.price} ${f.maker.agentId}#${f.maker.orderId}(${f.maker.side},${f.maker.liquidity})<-${f.taker.agentId}#${f.taker.orderId}(${f.taker.side},${f.taker.liquidity})`;
}

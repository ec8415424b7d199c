import { RejectReason, type MarketSpec } from '@venuelab/kernel';
import { venueConformance, venueHarness } from '@venuelab/testing';
import amm from '../src/index.js';

// The pool is the maker leg of every fill (order id -1); limit orders are IOC, so nothing rests.
// The only well-formed order the venue refuses is a buy beyond a constant-product reserve.
const acceptableRejections = [RejectReason.NoLiquidity];
const EVENT: MarketSpec = { id: 'E', tickSize: 0.01, lotSize: 1, openingMid: 0.5, kind: 'probability' };

// constant product on the default price market (mid 10,000 ticks): one lot moves the price ~2 ticks
venueConformance('venue-amm (constant product, fee)', (seed) => venueHarness(amm, { curve: 'constantProduct', reserveLots: 10_000, feeBps: 30 }, { seed, id: 'amm' }), {
  poolIds: ['amm:pool'],
  acceptableRejections,
});
// a shallow pool: buys beyond the reserve are rejected (NoLiquidity)
venueConformance('venue-amm (constant product, shallow)', (seed) => venueHarness(amm, { curve: 'constantProduct', reserveLots: 12 }, { seed, id: 'amm' }), {
  poolIds: ['amm:pool'],
  acceptableRejections,
  numRuns: 60,
});
// LMSR on an event contract (mid 50 ticks = probability 0.5)
venueConformance('venue-amm (lmsr)', (seed) => venueHarness(amm, { curve: 'lmsr', b: 20, feeBps: 10 }, { seed, id: 'amm', markets: [EVENT] }), {
  poolIds: ['amm:pool'],
  acceptableRejections,
});
// a coarser grid
venueConformance(
  'venue-amm (lmsr, tick 2, lot 5)',
  (seed) => venueHarness(amm, { curve: 'lmsr', b: 60, tickSize: 2, lotSize: 5 }, { seed, id: 'amm', markets: [EVENT] }),
  { poolIds: ['amm:pool'], acceptableRejections, tickSize: 2, lotSize: 5, numRuns: 60 },
);

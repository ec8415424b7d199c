import type { MarketSpec } from '@venuelab/kernel';
import { venueConformance, venueHarness } from '@venuelab/testing';
import hybrid from '../src/index.js';

// Book and pool share the generated flow; the pool (order id -1) is the maker of its legs. Equal
// fee rates on book and pool keep the combined touch uncrossed (see the README). The hybrid refuses
// no well-formed order (a pool that cannot fill more leaves an IOC remainder instead).
const acceptableRejections: never[] = [];
const EVENT: MarketSpec = { id: 'E', tickSize: 0.01, lotSize: 1, openingMid: 0.5, kind: 'probability' };
const cp = (extra: Record<string, unknown> = {}) => ({ pool: { curve: 'constantProduct', reserveLots: 10_000, feeBps: 3 }, book: { takerFeeBps: 3, makerFeeBps: -1, ...extra } });

venueConformance('venue-hybrid (constant product)', (seed) => venueHarness(hybrid, cp(), { seed, id: 'hy' }), { poolIds: ['hy:pool'], acceptableRejections });
venueConformance('venue-hybrid (cancelResting)', (seed) => venueHarness(hybrid, cp({ selfTradePrevention: 'cancelResting' }), { seed, id: 'hy' }), {
  poolIds: ['hy:pool'],
  acceptableRejections,
  numRuns: 60,
});
venueConformance('venue-hybrid (cancelIncoming)', (seed) => venueHarness(hybrid, cp({ selfTradePrevention: 'cancelIncoming' }), { seed, id: 'hy' }), {
  poolIds: ['hy:pool'],
  acceptableRejections,
  numRuns: 60,
});
venueConformance('venue-hybrid (lmsr)', (seed) => venueHarness(hybrid, { pool: { curve: 'lmsr', b: 30 } }, { seed, id: 'hy', markets: [EVENT] }), {
  poolIds: ['hy:pool'],
  acceptableRejections,
  numRuns: 60,
});
venueConformance(
  'venue-hybrid (tick 5, lot 10)',
  (seed) => venueHarness(hybrid, { pool: { curve: 'constantProduct', reserveLots: 50_000 }, book: { tickSize: 5, lotSize: 10 } }, { seed, id: 'hy' }),
  { poolIds: ['hy:pool'], acceptableRejections, tickSize: 5, lotSize: 10, numRuns: 60 },
);

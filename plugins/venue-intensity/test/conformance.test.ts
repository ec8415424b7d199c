import { RejectReason } from '@venuelab/kernel';
import { venueConformance, venueHarness } from '@venuelab/testing';
import intensity from '../src/index.js';

// Quotes are filled by the synthetic flow (order id -1) on clock advances; post-only quotes keep
// the visible book uncrossed, so the default cross check (always) applies. The only well-formed
// orders refused are quotes that would lock or cross (and market orders when configured so).
const acceptableRejections = [RejectReason.Unsupported];
venueConformance('venue-intensity', (seed) => venueHarness(intensity, { A: 140, k: 1.5, dt: 0.005, makerFeeBps: -1, takerFeeBps: 2 }, { seed, id: 'iv' }), {
  poolIds: ['iv:flow'],
  acceptableRejections,
});
// fast flow that takes whole quotes, and market orders refused
venueConformance(
  'venue-intensity (whole quotes, no market orders)',
  (seed) => venueHarness(intensity, { A: 1, k: 0.2, dt: 0.5, lotsPerArrival: 0, marketOrders: 'reject' }, { seed, id: 'iv' }),
  { poolIds: ['iv:flow'], acceptableRejections, numRuns: 60 },
);
venueConformance(
  'venue-intensity (tick 5, lot 10)',
  (seed) => venueHarness(intensity, { tickSize: 5, lotSize: 10, lotsPerArrival: 3 }, { seed, id: 'iv' }),
  { poolIds: ['iv:flow'], acceptableRejections, tickSize: 5, lotSize: 10, numRuns: 60 },
);

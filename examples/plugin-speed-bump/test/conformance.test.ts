import { venueConformance, venueHarness } from '@venuelab/testing';
import speedBump from '../src/index.js';

// Every well-formed order must be accepted (as pending) while it waits; the book is continuous, so it
// must never be crossed. Delays 1 and 3 (orders cross advances of up to 3 ticks), and 0 (a plain CLOB).
venueConformance('speed-bump (delay 3)', (seed) => venueHarness(speedBump, { delay: 3 }, { seed }), { acceptableRejections: [] });
venueConformance('speed-bump (delay 1, cancelResting, fees)', (seed) => venueHarness(speedBump, { delay: 1, selfTradePrevention: 'cancelResting', makerFeeBps: -1, takerFeeBps: 3 }, { seed }), {
  numRuns: 60,
  acceptableRejections: [],
});
venueConformance('speed-bump (delay 0)', (seed) => venueHarness(speedBump, { delay: 0 }, { seed }), { numRuns: 40, acceptableRejections: [] });
venueConformance('speed-bump (delay 2, tick 5, lot 10)', (seed) => venueHarness(speedBump, { delay: 2, tickSize: 5, lotSize: 10 }, { seed }), {
  tickSize: 5,
  lotSize: 10,
  numRuns: 40,
  acceptableRejections: [],
});

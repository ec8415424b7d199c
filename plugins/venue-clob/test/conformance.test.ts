import { venueConformance, venueHarness } from '@venuelab/testing';
import clob from '../src/index.js';

// The CLOB under each self-trade policy, with fees, and on a coarser grid (tick 5, lot 10). It must
// accept every well-formed order (acceptableRejections: []).
venueConformance('venue-clob', (seed) => venueHarness(clob, {}, { seed }), { acceptableRejections: [] });
venueConformance('venue-clob (cancelResting, fees)', (seed) => venueHarness(clob, { selfTradePrevention: 'cancelResting', makerFeeBps: -1, takerFeeBps: 3 }, { seed }), {
  numRuns: 60,
  acceptableRejections: [],
});
venueConformance('venue-clob (cancelIncoming)', (seed) => venueHarness(clob, { selfTradePrevention: 'cancelIncoming' }, { seed }), { numRuns: 60, acceptableRejections: [] });
venueConformance('venue-clob (tick 5, lot 10)', (seed) => venueHarness(clob, { tickSize: 5, lotSize: 10 }, { seed }), {
  tickSize: 5,
  lotSize: 10,
  numRuns: 60,
  acceptableRejections: [],
});

import { venueConformance, venueHarness } from '@venuelab/testing';
import fba from '../src/index.js';

// The shared venue conformance suite, under each rationing rule and display policy that changes
// what the suite can observe, with batch intervals above one tick, and on a coarser grid.
venueConformance('venue-fba (tau 1)', (seed) => venueHarness(fba, { tau: 1 }, { seed }));
venueConformance('venue-fba (tau 3, strictTime, fees)', (seed) => venueHarness(fba, { tau: 3, rationing: 'strictTime', makerFeeBps: -1, takerFeeBps: 2 }, { seed }));
venueConformance('venue-fba (tau 2, lastClear)', (seed) => venueHarness(fba, { tau: 2, display: 'lastClear' }, { seed }));
venueConformance('venue-fba (tau 2, lot 10, tick 5)', (seed) => venueHarness(fba, { tau: 2, lotSize: 10, tickSize: 5 }, { seed }), { lotSize: 10, tickSize: 5 });

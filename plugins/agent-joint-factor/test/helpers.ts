/** Shared agent test helpers, from @venuelab/testing. */
export { BATCH, CONTINUOUS, capture, logTruth, rows, scriptSignals, scriptVenue, spy, type Received, type ScriptedReading, type Sent } from '@venuelab/testing';

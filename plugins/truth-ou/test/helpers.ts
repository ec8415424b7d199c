/** Shared truth test helpers, from @venuelab/testing. */
export { buildTruth, moments, nullVenue } from '@venuelab/testing';

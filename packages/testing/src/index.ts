/**
 * `@venuelab/testing`: a test kernel, a venue harness, a recording bus and the venue conformance
 * suite, for plugin authors' tests (and this repository's).
 * @packageDocumentation
 */
export * from './test-kernel.js';
export * from './recording-bus.js';
export * from './venue-harness.js';
export * from './venue-conformance.js';

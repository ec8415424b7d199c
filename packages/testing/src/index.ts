/**
 * `@venuelab/testing`: a test kernel, a venue harness, a recording bus, the venue conformance suite and the venue fuzzer,
 * for plugin authors' tests (and this repository's).
 * @packageDocumentation
 */
export * from './test-kernel.js';
export * from './recording-bus.js';
export * from './venue-harness.js';
export * from './venue-conformance.js';
export * from './venue-fuzz.js';
export * from './agent-helpers.js';
export * from './truth-helpers.js';

/**
 * `@venuelab/testing`: a test kernel, a venue harness and a recording bus for plugin authors'
 * tests (and this repository's).
 * @packageDocumentation
 */
export * from './test-kernel.js';
export * from './recording-bus.js';
export * from './venue-harness.js';

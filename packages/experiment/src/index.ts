/**
 * `@venuelab/experiment`: experiment configs (YAML/JSON) and their schema, plugin loading by
 * package name or path, single runs with their output files.
 * @packageDocumentation
 */
export * from './config.js';
export * from './load.js';
export * from './files.js';
export * from './run-experiment.js';

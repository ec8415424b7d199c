/**
 * `@venuelab/experiment`: experiment configs (YAML/JSON) and their schema, plugin loading by
 * package name or path, single runs with their output files.
 * @packageDocumentation
 */
export * from './config.js';
export * from './load.js';
export * from './files.js';
export * from './run-experiment.js';
export * from './parquet.js';
export * from './paths.js';
export * from './sweep-spec.js';
export * from './stats.js';
export * from './store.js';
export * from './sweep.js';
export { runTask, type SweepTask, type SweepTaskResult } from './sweep-worker.js';
export * from './plots.js';
export * from './report.js';
export * from './executor.js';
export * from './watchdog.js';
export * from './runtime.js';

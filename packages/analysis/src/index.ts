/**
 * `@venuelab/analysis`: helpers for metric plugins. Arquero tables of a run record, typed views of
 * the trade and order logs, truth and mid path lookups, truth-move detection, grouping by scope
 * and tidy metric rows.
 * @packageDocumentation
 */
export * from './factor.js';
export * from './numeric.js';
export * from './paths.js';
export * from './legs.js';
export * from './orders.js';
export * from './markouts.js';
export * from './moves.js';
export * from './scopes.js';
export * from './tables.js';
export * from './record-builder.js';
export * from './cells.js';

/**
 * `@venuelab/analysis`: helpers for metric plugins. Arquero tables of a run record, typed views of
 * the trade and order logs, truth and mid path lookups, truth-move detection, grouping by scope
 * and tidy metric rows.
 * @packageDocumentation
 */
export * from './core.js';
export * from './tables.js';

/**
 * `@venuelab/analysis/core`: every helper of `@venuelab/analysis` except the arquero tables (`aq`,
 * `op`, `columnsTable`, `recordTables`, `metricTable`). A metric plugin that imports from here does
 * not load arquero (170 modules, about a quarter of a second for each sweep worker thread that
 * starts); the package root exports the same helpers and the tables.
 * @module
 */
export * from './factor.js';
export * from './numeric.js';
export * from './paths.js';
export * from './legs.js';
export * from './orders.js';
export * from './markouts.js';
export * from './moves.js';
export * from './scopes.js';
export * from './metric-columns.js';
export * from './record-builder.js';
export * from './cells.js';

/**
 * `@venuelab/kernel`: the public contracts (venue, agent, truth process, metric, plugin), typed DI
 * tokens, the bus event map, coded errors, and the engine (scheduler, seeded RNG streams,
 * fill-drain bus, order router, plugin host and run lifecycle).
 *
 * Plugins import only from this entry point.
 * @packageDocumentation
 */
import 'reflect-metadata';

export { z } from 'zod';
export * from './errors.js';
export * from './version.js';
export * from './tokens.js';
export * from './contracts/market.js';
export * from './contracts/orders.js';
export * from './contracts/venue.js';
export * from './contracts/agent.js';
export * from './contracts/truth.js';
export * from './contracts/metric.js';
export * from './contracts/record.js';
export * from './contracts/plugin.js';
export * from './engine/scheduler.js';
export * from './engine/rng.js';
export * from './engine/bus.js';
export * from './engine/latency.js';
export * from './engine/logs.js';
export * from './engine/columns.js';
export * from './engine/spec.js';
export * from './engine/host.js';
export * from './engine/services.js';
export * from './engine/run.js';

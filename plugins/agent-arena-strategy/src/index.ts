/**
 * `@venuelab/plugin-agent-arena-strategy`: the multi-book arena strategy interface. A strategy is
 * one function, `onBooks(states, info) -> orders`, over the state of every book; the runtime
 * ({@link ArenaAgent}) runs it on a decision cadence, turns the response time into order latency,
 * and diffs the wanted quotes against the live ones (cancel-replace). {@link defineArenaStrategy}
 * makes a plugin from a strategy. The package's default export is the built-in trend follower
 * (role `momentum`), itself written against the interface.
 * @packageDocumentation
 */
import { trendFollower } from './trend-follower.js';

export { ArenaAgent, arenaBooks, type ArenaStats } from './arena-agent.js';
export { defineArenaStrategy, type ArenaConfig, type ArenaStrategyDefinition, type StrategyEnv } from './define.js';
export { diffQuotes, type LiveQuote, type QuoteDiff, type WantedQuote } from './diff.js';
export { arenaBaseSchema, arenaBaseShape, type ArenaBaseConfig } from './schema.js';
export { trendFollower, trendFollowerShape, trendFollowerStrategy, type TrendFollowerConfig } from './trend-follower.js';
export type { ArenaOrder, ArenaStrategy, BookState, DecisionInfo, QuoteIntent, TakeIntent } from './types.js';

/** The trend-follower plugin (the arena's momentum background population). */
export default trendFollower;

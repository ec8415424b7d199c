/**
 * `defineArenaStrategy`: turns a strategy factory into an agent plugin.
 * @module
 */
import { definePlugin, z, type AgentContext, type MarketSpec, type PluginDefinition, type RandomStream } from '@venuelab/kernel';
import { ArenaAgent, arenaBooks } from './arena-agent.js';
import { arenaBaseShape, type ArenaBaseConfig } from './schema.js';
import type { ArenaStrategy } from './types.js';

/** What a strategy factory receives besides its config. */
export interface StrategyEnv {
  /** Agent id. */
  id: string;
  /** Books traded, in order. */
  markets: readonly string[];
  /** Specs of every market of the experiment. */
  specs: readonly MarketSpec[];
  /** A seeded stream private to the agent. */
  rng(name: string): RandomStream;
}

/** Config of a strategy: its own fields plus {@link arenaBaseShape}. */
export type ArenaConfig<S extends z.ZodRawShape> = z.output<z.ZodObject<S & typeof arenaBaseShape>>;

/** A strategy definition for {@link defineArenaStrategy}. */
export interface ArenaStrategyDefinition<S extends z.ZodRawShape> {
  /** Plugin id, e.g. `agent-arena-naive`. */
  id: string;
  /** Plugin version. */
  version: string;
  /** One-line description (also the schema's description). */
  description: string;
  /** Default role tag of the agents (default `arena`). */
  defaultRole?: string;
  /** The strategy's own config fields (zod shape with defaults and `.describe`). */
  shape: S;
  /** Makes one strategy instance per agent. */
  create(config: ArenaConfig<S>, env: StrategyEnv): ArenaStrategy;
}

/**
 * Makes an agent plugin from a strategy: the config schema is the strategy's fields plus the shared
 * arena fields (cadence, response time, venue, books, depth), and each agent is an
 * {@link ArenaAgent} running the strategy.
 */
export function defineArenaStrategy<S extends z.ZodRawShape>(def: ArenaStrategyDefinition<S>): PluginDefinition<z.ZodObject<S & typeof arenaBaseShape>> {
  const configSchema = z.strictObject({ ...arenaBaseShape, ...def.shape } as S & typeof arenaBaseShape).describe(def.description);
  return definePlugin({
    id: def.id,
    kind: 'agent',
    version: def.version,
    kernel: '^0.1.0',
    defaultRole: def.defaultRole ?? 'arena',
    description: def.description,
    configSchema,
    register(ctx) {
      ctx.registerAgent((actx: AgentContext) => {
        const config = ctx.config as unknown as ArenaConfig<S>;
        const base = ctx.config as unknown as ArenaBaseConfig;
        const { markets } = arenaBooks(actx, base);
        const strategy = def.create(config, { id: actx.id, markets, specs: actx.markets, rng: (n) => actx.rng(n) });
        return new ArenaAgent(actx, base, strategy);
      });
    },
  });
}

/**
 * The plugin contract: a plugin package's default export is made with {@link definePlugin}.
 * @module
 */
import { z } from 'zod';
import type { Agent, AgentContext } from './agent.js';
import type { MarketSpec } from './market.js';
import type { Metric } from './metric.js';
import type { TruthProcess } from './truth.js';
import type { FillSink, Venue } from './venue.js';
import type { RandomStream } from '../engine/rng.js';
import type { RunBus } from '../engine/bus.js';
import type { Token } from '../tokens.js';
import { ErrorCode, VenuelabError } from '../errors.js';

/** The four kinds of plugin. */
export type PluginKind = 'venue' | 'agent' | 'truth' | 'metric';

/** Context of a truth-process factory. */
export interface TruthContext {
  /** Component id. */
  readonly id: string;
  /** Root seed. */
  readonly seed: number;
  /** Duration of the run in ticks. */
  readonly duration: number;
  /** Markets of the experiment. */
  readonly markets: readonly MarketSpec[];
  /** A seeded stream private to this component (`truth:<id>:<name>`). */
  rng(name: string): RandomStream;
  /** Resolves a service another plugin provided. */
  resolve<T>(token: Token<T>): T;
}

/** Context of a venue factory. */
export interface VenueContext {
  /** Component id. */
  readonly id: string;
  /** Root seed. */
  readonly seed: number;
  /** Duration of the run in ticks. */
  readonly duration: number;
  /** Markets the venue trades. */
  readonly markets: readonly MarketSpec[];
  /** Where the venue appends its fills. */
  readonly fills: FillSink;
  /** The run's bus (e.g. to emit `batch.cleared`). */
  readonly bus: RunBus;
  /** The run's truth process (for reduced-form venues whose mid follows truth). */
  readonly truth: TruthProcess;
  /** Current simulated tick. */
  now(): number;
  /** A seeded stream private to this venue (`venue:<id>:<name>`). */
  rng(name: string): RandomStream;
  /** Resolves a service another plugin provided. */
  resolve<T>(token: Token<T>): T;
}

/** Context of a metric factory. */
export interface MetricContext {
  /** Component id. */
  readonly id: string;
}

/** What a plugin's `register` receives. Registration only: nothing may be resolved or started here. */
export interface PluginContext<C> {
  /** Component id (from the experiment config). */
  readonly componentId: string;
  /** Package name (or path) the plugin was loaded from. */
  readonly packageName: string;
  /** The validated config (defaults applied). */
  readonly config: C;
  /** Registers the venue this component provides. */
  registerVenue(factory: (ctx: VenueContext) => Venue): void;
  /** Registers the agent factory; the kernel calls it once per agent (`count` in the config). */
  registerAgent(factory: (ctx: AgentContext) => Agent): void;
  /** Registers the truth process. */
  registerTruth(factory: (ctx: TruthContext) => TruthProcess): void;
  /** Registers a metric. */
  registerMetric(factory: (ctx: MetricContext) => Metric): void;
  /** Provides a service under a typed token for other components to resolve (after registration ends). */
  provide<T>(token: Token<T>, factory: () => T): void;
}

/** A plugin definition. */
export interface PluginDefinition<S extends z.ZodType = z.ZodType> {
  /** Short id, e.g. `venue-clob`. Referred to by `dependsOn`. */
  id: string;
  /** Kind of plugin. */
  kind: PluginKind;
  /** Plugin version (semver). */
  version: string;
  /** Semver range of `@venuelab/kernel` versions the plugin works with. */
  kernel: string;
  /** Ids of plugins that must also be part of the experiment. */
  dependsOn?: string[];
  /** One-line description. */
  description?: string;
  /** Default role tag of agents this plugin makes (agent plugins). */
  defaultRole?: string;
  /** Zod schema of the plugin's config; unknown keys should be rejected (`z.strictObject`). */
  configSchema: S;
  /** Registers providers; must not resolve or start anything. */
  register(ctx: PluginContext<z.output<S>>): void;
}

const KINDS: readonly PluginKind[] = ['venue', 'agent', 'truth', 'metric'];

/**
 * Defines a plugin. Checks the definition's shape at once so a malformed plugin fails when it is
 * loaded, with a message naming it.
 */
export function definePlugin<S extends z.ZodType>(def: PluginDefinition<S>): PluginDefinition<S> {
  const problems = pluginShapeProblems(def);
  if (problems.length > 0) {
    throw new VenuelabError(ErrorCode.PluginInvalid, `invalid plugin definition ${String((def as { id?: unknown })?.id)}: ${problems.join('; ')}`);
  }
  return Object.freeze({ ...def });
}

/** Lists what is wrong with a value that should be a plugin definition (empty when it is one). */
export function pluginShapeProblems(def: unknown): string[] {
  const out: string[] = [];
  if (!def || typeof def !== 'object') return ['not an object'];
  const d = def as Record<string, unknown>;
  if (typeof d.id !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(d.id)) out.push('id must be a lower-case string');
  if (!KINDS.includes(d.kind as PluginKind)) out.push(`kind must be one of ${KINDS.join(', ')}`);
  if (typeof d.version !== 'string') out.push('version must be a semver string');
  if (typeof d.kernel !== 'string') out.push('kernel must be a semver range');
  const schema = d.configSchema as { safeParse?: unknown } | undefined;
  if (!schema || typeof schema.safeParse !== 'function') out.push('configSchema must be a zod schema');
  if (typeof d.register !== 'function') out.push('register must be a function');
  if (d.dependsOn !== undefined && !(Array.isArray(d.dependsOn) && d.dependsOn.every((x) => typeof x === 'string'))) {
    out.push('dependsOn must be an array of plugin ids');
  }
  return out;
}

/** True when a value is a plugin definition. */
export function isPluginDefinition(x: unknown): x is PluginDefinition {
  return pluginShapeProblems(x).length === 0;
}

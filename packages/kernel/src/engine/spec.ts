/**
 * The run specification: what the kernel needs to build one run. The experiment package produces
 * it from a config file (loading plugins by package name); tests build it directly.
 * @module
 */
import { z } from 'zod';
import type { MarketSpec } from '../contracts/market.js';
import type { PluginDefinition } from '../contracts/plugin.js';
import { LatencySchema } from './latency.js';
import type { TiePolicy } from './scheduler.js';

/** One component of a run: a plugin with its config. */
export interface ComponentSpec {
  /** Component id (for agents with `count > 1`, the prefix of `<id>-<i>`). */
  id: string;
  /** The loaded plugin. */
  plugin: PluginDefinition;
  /** Package name or path the plugin was loaded from (for messages and manifests). */
  packageName: string;
  /** The raw config (validated against the plugin's schema by the host). */
  config?: unknown;
  /** Agents only: how many agents to make (default 1). */
  count?: number;
  /** Agents only: role tag overriding the plugin's default. */
  role?: string;
  /** Agents only: latency knobs (raw; validated by the host). */
  latency?: unknown;
  /** Agents only: venue ids the agent may trade on (default: all). */
  venues?: string[];
  /** Where the component sits in the experiment config, e.g. `agents[2]` (for error messages). */
  path: string;
}

/** Run-level guardrails; each ends the run with a coded error instead of exhausting memory or time. */
export const GuardrailsSchema = z
  .strictObject({
    /** Maximum scheduler events per run. */
    maxEvents: z.number().int().positive().default(500_000_000).describe('maximum scheduler events per run'),
    /** Maximum wall time of a run in milliseconds. */
    maxWallMs: z.number().positive().default(3_600_000).describe('maximum wall time of a run in milliseconds'),
    /** Maximum live orders across venues. */
    maxRestingOrders: z.number().int().positive().default(5_000_000).describe('maximum live orders across venues'),
  })
  .describe('per-run guardrails');

/** Resolved guardrails. */
export type Guardrails = z.infer<typeof GuardrailsSchema>;

/** What gets sampled into the run record's paths. */
export const RecordingSchema = z
  .strictObject({
    /** Sample venue mids every N ticks. */
    midEvery: z.number().int().positive().default(1).describe('sample venue mids every N ticks'),
    /** Sample the truth path every N ticks. */
    truthEvery: z.number().int().positive().default(1).describe('sample the truth path every N ticks'),
  })
  .describe('path sampling');

/** Resolved recording options. */
export type Recording = z.infer<typeof RecordingSchema>;

/** Everything needed to build and execute one run. */
export interface RunSpec {
  /** Run id (default: derived from seed). */
  runId?: string;
  /** Root seed. */
  seed: number;
  /** Duration in ticks: events at ticks 0 .. duration-1 run. */
  duration: number;
  /** Tie policy of the scheduler. */
  tiePolicy: TiePolicy;
  /** Markets. */
  markets: MarketSpec[];
  /** The truth process. */
  truth: ComponentSpec;
  /** Venues. */
  venues: ComponentSpec[];
  /** Agents. */
  agents: ComponentSpec[];
  /** Metrics. */
  metrics: ComponentSpec[];
  /** Path sampling. */
  recording?: Partial<Recording>;
  /** Guardrails. */
  guardrails?: Partial<Guardrails>;
}

export { LatencySchema };

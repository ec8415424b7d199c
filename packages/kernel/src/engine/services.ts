/**
 * Well-known DI tokens of the services the kernel registers in every run's container.
 * @module
 */
import type { MarketSpec } from '../contracts/market.js';
import type { Signal, VenueDirectory } from '../contracts/agent.js';
import type { TruthProcess } from '../contracts/truth.js';
import { createToken } from '../tokens.js';
import type { RunBus } from './bus.js';
import type { RngStreams } from './rng.js';
import type { Scheduler } from './scheduler.js';

/** Static facts of a run. */
export interface RunInfo {
  /** Run id. */
  runId: string;
  /** Root seed. */
  seed: number;
  /** Duration in ticks. */
  duration: number;
  /** Markets. */
  markets: readonly MarketSpec[];
}

/** Delivers signals to agents, each after the recipient's observation delay. */
export interface SignalDelivery {
  /** Ids of every agent in the run, in config order. */
  agentIds(): readonly string[];
  /** Role of an agent. */
  roleOf(agentId: string): string;
  /** Delivers a signal to an agent (scheduled at now + its observation delay). */
  deliver(agentId: string, signal: Signal): void;
}

/** The kernel's service tokens. */
export const Tokens = {
  /** {@link RunInfo} of the current run. */
  RunInfo: createToken<RunInfo>('kernel.RunInfo'),
  /** The run's {@link Scheduler}. */
  Scheduler: createToken<Scheduler>('kernel.Scheduler'),
  /** The run's {@link RngStreams}. */
  Rng: createToken<RngStreams>('kernel.Rng'),
  /** The run's {@link RunBus}. */
  Bus: createToken<RunBus>('kernel.Bus'),
  /** The run's truth process (available to venues and agents). */
  Truth: createToken<TruthProcess>('kernel.Truth'),
  /** Read access to venues. */
  Venues: createToken<VenueDirectory>('kernel.Venues'),
  /** Signal delivery to agents. */
  Signals: createToken<SignalDelivery>('kernel.Signals'),
} as const;

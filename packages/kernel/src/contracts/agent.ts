/**
 * The agent contract and the context the kernel gives every agent.
 * @module
 */
import type { MarketSpec } from './market.js';
import type { Fill, FillLeg, OrderId, OrderResult, Side } from './orders.js';
import type { TruthProcess } from './truth.js';
import type { VenueCapabilities, VenueState } from './venue.js';
import type { RandomStream } from '../engine/rng.js';
import type { EventId } from '../engine/scheduler.js';
import type { Token } from '../tokens.js';

/** A noisy reading of a market's latent fair value delivered to an agent. */
export interface Signal {
  /** Market id. */
  market: string;
  /** The reading, in the truth process's latent space. */
  value: number;
  /** Precision (1 / variance) of the reading. */
  precision: number;
  /** Signal tier, e.g. `routine` or `tail`. */
  tier: string;
  /** Tick at which the reading was taken (delivery happens after the agent's observation delay). */
  t: number;
}

/** Latency draws of one agent (each call draws anew from the agent's seeded latency stream where the distribution is random). */
export interface LatencySampler {
  /**
   * Ticks between an event and the agent acting on it. The kernel draws the delays of fills,
   * order results and signals from three separate streams, so one kind of notification never
   * shifts the draws of another; this draw uses a fourth stream, for the agent's own use.
   */
  observationDelay(): number;
  /** Ticks between the agent sending a message and the venue receiving it. */
  orderLatency(): number;
  /** Ticks between periodic reviews (re-quotes). */
  reviewInterval(): number;
}

/** Read-only access to venues for agents. */
export interface VenueDirectory {
  /** Ids of every venue in the run, in config order. */
  ids(): readonly string[];
  /** Capabilities of a venue. */
  capabilities(venueId: string): VenueCapabilities;
  /** Markets a venue trades. */
  markets(venueId: string): readonly string[];
  /** Current visible state of a venue's market. */
  state(venueId: string, market: string, depth?: number): VenueState;
  /** Estimated impact of a trade on a venue (see {@link Venue.estimateImpact}). */
  estimateImpact(venueId: string, market: string, side: Side, qty: number): number;
}

/** Everything an agent may use. Given to the agent's factory; valid for one run. */
export interface AgentContext {
  /** The agent's id. */
  readonly id: string;
  /** The agent's role tag. */
  readonly role: string;
  /** Root seed of the run. */
  readonly seed: number;
  /** Duration of the run in ticks. */
  readonly duration: number;
  /** Markets of the experiment. */
  readonly markets: readonly MarketSpec[];
  /** Venues the agent is configured to trade on (all venues when not restricted). */
  readonly venueIds: readonly string[];
  /** Read access to venues. */
  readonly venues: VenueDirectory;
  /** The run's truth process. Only agents that model information should read it (e.g. an informed trader's latent signal). */
  readonly truth: TruthProcess;
  /** The agent's latency draws. */
  readonly latency: LatencySampler;
  /** Current simulated tick. */
  now(): number;
  /** A seeded random stream private to this agent, derived from (root seed, `agent:<id>:<name>`). */
  rng(name: string): RandomStream;
  /**
   * Schedules `onWake(kind, arg)` at an absolute tick (rounded up to a whole tick). `priority`
   * defaults to `Priority.Agent` (0); a world-like agent (e.g. a signal source) may use
   * `Priority.World` (-20) to run before agents in the same tick.
   */
  wakeAt(t: number, kind?: number, arg?: number, priority?: number): EventId;
  /** Schedules `onWake(kind, arg)` after `delay` ticks (see {@link AgentContext.wakeAt}). */
  wakeIn(delay: number, kind?: number, arg?: number, priority?: number): EventId;
  /** Cancels a scheduled wake; true if it was still pending. */
  cancelWake(id: EventId): boolean;
  /**
   * Sends a limit order; it reaches the venue after the agent's order latency. Returns the order id
   * at once. `postOnly` asks the venue to reject the order rather than let it take liquidity on arrival.
   */
  submitLimit(venueId: string, order: { market: string; side: Side; price: number; qty: number; postOnly?: boolean }): OrderId;
  /** Sends a market order; it reaches the venue after the agent's order latency. Returns the order id at once. */
  submitMarket(venueId: string, order: { market: string; side: Side; qty: number }): OrderId;
  /** Sends a cancel; it reaches the venue after the agent's order latency. */
  cancel(venueId: string, orderId: OrderId): void;
  /** Resolves a service another plugin provided (see {@link PluginContext.provide}). */
  resolve<T>(token: Token<T>): T;
}

/**
 * An agent. The kernel calls `start` once after every component exists; all later activity is
 * driven by wakes the agent schedules and by notifications (fills, order results, signals),
 * each delivered after the agent's observation delay.
 */
export interface Agent {
  /** The agent's id (from its context). */
  readonly id: string;
  /** Role tag used by metrics (e.g. `LP`, `informed`, `noise`). */
  readonly role: string;
  /** Called once when the run starts: schedule the first wakes here. */
  start(): void;
  /** A scheduled wake. */
  onWake?(kind: number, arg: number, t: number): void;
  /** One of the agent's fills (its own leg given separately). */
  onFill?(fill: Fill, leg: FillLeg, t: number): void;
  /** The venue's answer to one of the agent's messages. */
  onOrderResult?(result: OrderResult, venueId: string, t: number): void;
  /** A signal reading. */
  onSignal?(signal: Signal, t: number): void;
  /** Called once when the run stops. */
  stop?(t: number): void;
}

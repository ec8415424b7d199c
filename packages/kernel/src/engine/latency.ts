/**
 * Latency specifications: a constant or a seeded distribution, drawn in whole ticks.
 * @module
 */
import { z } from 'zod';
import type { LatencySampler } from '../contracts/agent.js';
import type { RandomStream } from './rng.js';

/** A latency distribution: a number (constant ticks) or a tagged distribution. */
export const DistributionSchema = z.union([
  z.number().nonnegative().describe('constant number of ticks'),
  z.strictObject({
    /** Always `constant`. */ dist: z.literal('constant'),
    /** Ticks. */ value: z.number().nonnegative(),
  }),
  z.strictObject({
    /** Always `uniform`. */ dist: z.literal('uniform'),
    /** Lower bound in ticks. */ min: z.number().nonnegative(),
    /** Upper bound in ticks. */ max: z.number().nonnegative(),
  }),
  z.strictObject({
    /** Always `exponential`. */ dist: z.literal('exponential'),
    /** Mean in ticks. */ mean: z.number().positive(),
  }),
  z.strictObject({
    /** Always `lognormal`. */ dist: z.literal('lognormal'),
    /** Mean of the log. */ mu: z.number(),
    /** Standard deviation of the log. */ sigma: z.number().nonnegative(),
  }),
]);

/** A latency distribution. */
export type Distribution = z.infer<typeof DistributionSchema>;

/** The three latency knobs of an agent. */
export const LatencySchema = z
  .strictObject({
    /** Ticks between an event and the agent acting on it. */
    observationDelay: DistributionSchema.default(0).describe('ticks between an event and the agent acting on it'),
    /** Ticks between sending a message and the venue receiving it. */
    orderLatency: DistributionSchema.default(0).describe('ticks between sending a message and the venue receiving it'),
    /** Ticks between periodic reviews. */
    reviewInterval: DistributionSchema.default(10).describe('ticks between periodic reviews'),
  })
  .describe('latency of an agent');

/** Resolved latency config. */
export type LatencyConfig = z.infer<typeof LatencySchema>;

/**
 * Samplers of constant distributions, by value: they hold no state, so every agent with the same
 * constant latency shares one (a run of thousands of agents builds a handful, not one per agent).
 */
const constants = new Map<number, () => number>();

function constantSampler(v: number): () => number {
  let f = constants.get(v);
  if (f === undefined) {
    f = () => v;
    constants.set(v, f);
  }
  return f;
}

/**
 * Returns a function drawing whole ticks (>= `min`) from a distribution with a seeded stream.
 * `stream` may be a function returning the stream: it is then called only for a distribution that
 * draws (not for a constant), so a run with thousands of constant-latency agents creates no stream
 * it never uses. Streams are named, so creating one later or not at all never shifts another's draws.
 * A constant distribution gives a sampler shared by every caller with the same value.
 */
export function distributionSampler(d: Distribution, streamOrFactory: RandomStream | (() => RandomStream), min = 0): () => number {
  if (typeof d === 'number') return constantSampler(Math.max(min, Math.round(d)));
  if (d.dist === 'constant') return constantSampler(Math.max(min, Math.round(d.value)));
  const stream = typeof streamOrFactory === 'function' ? streamOrFactory() : streamOrFactory;
  switch (d.dist) {
    case 'uniform': {
      const { min: a, max: b } = d;
      return () => Math.max(min, Math.round(stream.uniform(a, b)));
    }
    case 'exponential': {
      const mean = d.mean;
      return () => Math.max(min, Math.round(stream.exponential(mean)));
    }
    case 'lognormal': {
      const { mu, sigma } = d;
      return () => Math.max(min, Math.round(stream.lognormal(mu, sigma)));
    }
  }
}

/**
 * Builds an agent's latency sampler; each knob draws from its own named stream (`streamFor(knob)`,
 * asked only for a knob whose distribution draws).
 */
export function latencySampler(config: LatencyConfig, streamFor: (knob: string) => RandomStream): LatencySampler {
  const obs = distributionSampler(config.observationDelay, () => streamFor('observationDelay'));
  const ord = distributionSampler(config.orderLatency, () => streamFor('orderLatency'));
  const rev = distributionSampler(config.reviewInterval, () => streamFor('reviewInterval'), 1);
  return { observationDelay: obs, orderLatency: ord, reviewInterval: rev };
}

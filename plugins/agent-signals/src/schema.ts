import { z } from '@venuelab/kernel';

/** One signal tier: who hears how precisely how often. */
export const tierSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/)
      .describe('tier name carried by every signal of the tier (e.g. routine, tail)'),
    precision: z.number().positive().describe('precision of a reading: the noise is N(0, 1 / precision) in latent units'),
    cadence: z.number().int().positive().describe('ticks between signal rounds'),
    phase: z.number().int().nonnegative().default(0).describe('tick of the first round'),
    roles: z.array(z.string()).optional().describe('recipients by role tag'),
    agents: z
      .array(z.string())
      .optional()
      .describe('recipients by agent id (a component id with count > 1 names all of its agents); with roles, the union'),
    share: z
      .number()
      .gt(0)
      .max(1)
      .default(1)
      .describe('probability that each recipient is included in a round (an independent seeded draw per recipient and round)'),
    markets: z.array(z.string()).min(1).optional().describe('markets read in each round (default: every market)'),
  })
  .describe('a signal tier; with neither roles nor agents, every other agent receives it');

/** A validated tier. */
export type SignalTier = z.output<typeof tierSchema>;

/** Config schema of the signal source. */
export const signalsConfigSchema = z
  .strictObject({
    tiers: z
      .array(tierSchema)
      .min(1)
      .default([{ name: 'routine', precision: 1e4, cadence: 100, phase: 0, share: 1 }])
      .describe('signal tiers, each with its own precision, cadence and recipients'),
  })
  .refine((c) => new Set(c.tiers.map((t) => t.name)).size === c.tiers.length, { message: 'tier names must be unique', path: ['tiers'] })
  .describe('signal rounds delivering noisy readings of the latent fair value');

/** Validated config of the signal source. */
export type SignalsConfig = z.output<typeof signalsConfigSchema>;

/**
 * The experiment config schema (YAML or JSON). Plugin configs are checked later against each
 * plugin's own schema by the kernel's host.
 * @module
 */
import { GuardrailsSchema, RecordingSchema, z } from '@venuelab/kernel';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'expected an id of letters, digits, _ . : -');
const pluginRef = z.string().min(1).describe('package name, or a relative path to a plugin package');
const pluginConfig = z.record(z.string(), z.unknown()).default({}).describe("the plugin's config (see its schema)");

/** A market in the experiment config. */
export const MarketConfigSchema = z.strictObject({
  id,
  tickSize: z.number().positive().default(0.01).describe('price increment in currency units'),
  lotSize: z.number().positive().default(1).describe('units per lot'),
  openingMid: z.number().positive().describe('opening mid in currency (or probability) units'),
  kind: z.enum(['price', 'probability']).default('price'),
});

/** The experiment config. */
export const ExperimentConfigSchema = z
  .strictObject({
    name: z.string().min(1).describe('experiment name'),
    description: z.string().optional(),
    seed: z.number().int().default(1).describe('root seed of a single run'),
    duration: z.number().int().positive().describe('simulated ticks per run'),
    tiePolicy: z.enum(['fifo', 'shuffle']).default('shuffle').describe('order of events at equal (time, priority)'),
    markets: z.array(MarketConfigSchema).min(1),
    truth: z.strictObject({ id: id.default('truth'), plugin: pluginRef, config: pluginConfig }),
    venues: z.array(z.strictObject({ id, plugin: pluginRef, config: pluginConfig })).min(1),
    agents: z
      .array(
        z.strictObject({
          id,
          plugin: pluginRef,
          count: z.number().int().positive().max(100_000).default(1).describe('number of agents of this component (at most 100,000: a run builds every agent before the first event, where no guardrail can stop it)'),
          role: z.string().optional(),
          latency: z.record(z.string(), z.unknown()).optional(),
          venues: z.array(z.string()).optional(),
          config: pluginConfig,
        }),
      )
      .default([]),
    metrics: z.array(z.strictObject({ id: id.optional(), plugin: pluginRef, config: pluginConfig })).default([]),
    recording: RecordingSchema.partial().optional(),
    guardrails: GuardrailsSchema.partial().optional(),
    sweep: z.record(z.string(), z.unknown()).optional().describe('sweep spec (see the sweep guide)'),
  })
  .describe('venuelab experiment');

/** A parsed experiment config. */
export type ExperimentConfig = z.output<typeof ExperimentConfigSchema>;

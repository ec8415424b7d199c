/**
 * Config fields every arena strategy shares (decision cadence, response time, books).
 * @module
 */
import { z } from '@venuelab/kernel';

/** Shape of the fields every arena strategy's config has; spread it into a strategy's schema. */
export const arenaBaseShape = {
  cadence: z.number().int().positive().default(10).describe('ticks between decisions: every book is observed and onBooks runs at this interval'),
  responseTime: z
    .number()
    .nonnegative()
    .finite()
    .default(0)
    .describe("ticks between a decision's observation and its messages leaving the strategy (the response time, turned into order latency)"),
  responseTimePerBook: z
    .number()
    .nonnegative()
    .finite()
    .default(0)
    .describe('extra response time per book observed, ticks (a deterministic model of a compute cost that grows with the number of books)'),
  venue: z.string().optional().describe('venue quoted on (default: the first venue the agent may use)'),
  markets: z.array(z.string()).min(1).optional().describe('books (markets) the strategy trades (default: every market of the venue)'),
  bookDepth: z.number().int().positive().default(10).describe('levels per side shown to the strategy'),
};

/** Schema of the shared fields alone. */
export const arenaBaseSchema = z.strictObject(arenaBaseShape);

/** Validated shared fields. */
export type ArenaBaseConfig = z.output<typeof arenaBaseSchema>;

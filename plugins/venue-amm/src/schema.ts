/**
 * Config schemas of the AMM venue: the pool (shared with the hybrid venue) and the venue.
 *
 * One flat object per schema (rather than a union per curve) so that tools listing a plugin's
 * config show every field; fields that belong to the other curve are refused.
 * @module
 */
import { z } from '@venuelab/kernel';

/** Default LMSR liquidity `b` in lots. */
export const DEFAULT_LMSR_B = 100;
/** Default constant-product asset reserve in lots. */
export const DEFAULT_RESERVE_LOTS = 10_000;

const poolShape = {
  curve: z
    .enum(['lmsr', 'constantProduct'])
    .describe("lmsr: Hanson's logarithmic market scoring rule (event contracts); constantProduct: x * y = k (Uniswap v2)"),
  b: z
    .number()
    .positive()
    .finite()
    .optional()
    .describe(`lmsr only: liquidity parameter b in lots (default ${DEFAULT_LMSR_B}); worst-case pool loss b ln(1 / p0)`),
  reserveLots: z
    .number()
    .int()
    .min(2)
    .optional()
    .describe(`constantProduct only: initial asset reserve x in lots (default ${DEFAULT_RESERVE_LOTS}); cash reserve y = x * opening mid`),
  feeBps: z
    .number()
    .min(0)
    .max(10_000)
    .default(0)
    .describe('pool fee in basis points of the curve notional, paid by the trader and accrued to the pool'),
};

const venueShape = {
  ...poolShape,
  markets: z.array(z.string()).min(1).optional().describe('markets traded (default: every market of the experiment); one pool per market'),
  tickSize: z.number().int().positive().default(1).describe('price increment in price ticks; limit prices must be multiples'),
  lotSize: z.number().int().positive().default(1).describe('quantity increment in lots; quantities (and pool fills) are multiples'),
};

/** Refuses the parameter of the other curve. */
function curveFields(c: { curve: 'lmsr' | 'constantProduct'; b?: number; reserveLots?: number }, ctx: z.RefinementCtx): void {
  if (c.curve === 'lmsr' && c.reserveLots !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['reserveLots'], message: 'reserveLots applies to curve constantProduct only (lmsr takes b)' });
  }
  if (c.curve === 'constantProduct' && c.b !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['b'], message: 'b applies to curve lmsr only (constantProduct takes reserveLots)' });
  }
}

/** The pool part of a config: a curve and its parameters. */
export const poolConfigSchema = z.strictObject(poolShape).superRefine(curveFields).describe('AMM pool: curve, its parameter and fee');

/** Validated pool config. */
export type PoolConfig = z.output<typeof poolConfigSchema>;

/** Config schema of the AMM venue: a pool config plus the market list and grid. */
export const ammConfigSchema = z
  .strictObject(venueShape)
  .superRefine(curveFields)
  .describe('automated market maker venue (one pool per market)');

/** Validated AMM venue config. */
export type AmmConfig = z.output<typeof ammConfigSchema>;

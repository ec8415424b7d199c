/**
 * Which venue and market an agent trades, from its config, checked against the run.
 * @module
 */
import { ErrorCode, VenuelabError, type AgentContext, type MarketSpec } from '@venuelab/kernel';

/** A venue and market an agent trades. */
export interface TradingTarget {
  /** Venue id. */
  venue: string;
  /** Market id. */
  market: string;
  /** The market's spec. */
  spec: MarketSpec;
}

/**
 * Resolves the configured venue (default: the first the agent may use) and market (default: the
 * venue's first market); throws a coded config error naming the agent when either is unknown.
 */
export function resolveTarget(ctx: AgentContext, venue: string | undefined, market: string | undefined): TradingTarget {
  const v = venue ?? ctx.venueIds[0];
  if (v === undefined || !ctx.venueIds.includes(v)) {
    throw new VenuelabError(ErrorCode.Config, `agent ${ctx.id}: venue "${String(v)}" is not one it may trade on (${ctx.venueIds.join(', ')})`, { agent: ctx.id, venue: v });
  }
  const markets = ctx.venues.markets(v);
  const m = market ?? markets[0];
  if (m === undefined || !markets.includes(m)) {
    throw new VenuelabError(ErrorCode.Config, `agent ${ctx.id}: venue "${v}" does not trade market "${String(m)}"`, { agent: ctx.id, venue: v, market: m });
  }
  const spec = ctx.markets.find((x) => x.id === m);
  if (!spec) throw new VenuelabError(ErrorCode.Config, `agent ${ctx.id}: unknown market "${m}"`, { agent: ctx.id, market: m });
  return { venue: v, market: m, spec };
}

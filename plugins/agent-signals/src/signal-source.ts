/**
 * The signal source agent.
 * @module
 */
import { Priority, Tokens, type Agent, type AgentContext, type RandomStream, type SignalDelivery } from '@venuelab/kernel';
import type { SignalTier, SignalsConfig } from './schema.js';

/** One recipient of a tier, with its private streams. */
interface Recipient {
  id: string;
  /** Noise stream per market of the tier (same order as the tier's markets). */
  noise: RandomStream[];
  /** Inclusion stream when the tier's share is below 1. */
  sample: RandomStream | null;
}

interface ResolvedTier {
  tier: SignalTier;
  sd: number;
  markets: string[];
  recipients: Recipient[];
}

/** Counters of a signal source, for tests and diagnostics. */
export interface SignalStats {
  /** Rounds held, per tier name. */
  rounds: Record<string, number>;
  /** Readings delivered (one per recipient and market), per tier name. */
  readings: Record<string, number>;
}

/** True when agent `id` is named by `ref`: the id itself, or the component id of a counted agent (`<ref>-<i>`). */
export function namesAgent(ref: string, id: string): boolean {
  if (id === ref) return true;
  if (!id.startsWith(`${ref}-`)) return false;
  return /^\d+$/.test(id.slice(ref.length + 1));
}

/**
 * Holds signal rounds and delivers readings `latent(t) + N(0, 1 / precision)` to each tier's
 * recipients through the kernel's {@link SignalDelivery} service, which applies each recipient's
 * observation delay. Rounds run at `Priority.World`, after the venue clock and before agent events
 * of the same tick. Never trades.
 *
 * Streams (under `agent:<id>:`): `noise:<tier>:<recipient>:<market>` for each reading's noise and
 * `sample:<tier>:<recipient>` for the per-round inclusion draw, so adding an agent (or a market, or
 * a tier) never changes any other recipient's draws.
 */
export class SignalSource implements Agent {
  readonly id: string;
  readonly role: string;
  /** Counters of this run. */
  readonly stats: SignalStats = { rounds: {}, readings: {} };
  private tiers: ResolvedTier[] = [];
  private delivery!: SignalDelivery;

  /**
   * @param ctx - the agent context
   * @param config - the validated config
   */
  constructor(
    private readonly ctx: AgentContext,
    private readonly config: SignalsConfig,
  ) {
    this.id = ctx.id;
    this.role = ctx.role;
  }

  start(): void {
    const ctx = this.ctx;
    this.delivery = ctx.resolve(Tokens.Signals);
    const all = this.delivery.agentIds().filter((a) => a !== this.id);
    const knownMarkets = new Set(ctx.markets.map((m) => m.id));
    this.tiers = this.config.tiers.map((tier) => {
      const markets = tier.markets ?? ctx.markets.map((m) => m.id);
      const unknownMarkets = markets.filter((m) => !knownMarkets.has(m));
      if (unknownMarkets.length > 0) {
        throw new Error(`agent-signals ${this.id}: tier "${tier.name}" names unknown market(s) ${unknownMarkets.join(', ')}`);
      }
      for (const ref of tier.agents ?? []) {
        if (!all.some((a) => namesAgent(ref, a))) {
          throw new Error(`agent-signals ${this.id}: tier "${tier.name}" names unknown agent "${ref}" (agents: ${all.join(', ') || 'none'})`);
        }
      }
      const open = tier.roles === undefined && tier.agents === undefined;
      const ids = all.filter(
        (a) => open || (tier.roles ?? []).includes(this.delivery.roleOf(a)) || (tier.agents ?? []).some((ref) => namesAgent(ref, a)),
      );
      const recipients = ids.map(
        (rid): Recipient => ({
          id: rid,
          noise: markets.map((m) => ctx.rng(`noise:${tier.name}:${rid}:${m}`)),
          sample: tier.share < 1 ? ctx.rng(`sample:${tier.name}:${rid}`) : null,
        }),
      );
      this.stats.rounds[tier.name] = 0;
      this.stats.readings[tier.name] = 0;
      return { tier, sd: 1 / Math.sqrt(tier.precision), markets, recipients };
    });
    this.tiers.forEach((rt, i) => {
      if (rt.tier.phase < ctx.duration) ctx.wakeAt(rt.tier.phase, i, 0, Priority.World);
    });
  }

  /** A round of tier `kind` at tick `t`. */
  onWake(kind: number, _arg: number, t: number): void {
    const rt = this.tiers[kind]!;
    this.round(rt, t);
    const next = t + rt.tier.cadence;
    if (next < this.ctx.duration) this.ctx.wakeAt(next, kind, 0, Priority.World);
  }

  private round(rt: ResolvedTier, t: number): void {
    const truth = this.ctx.truth;
    const { tier, sd, markets } = rt;
    const latent = markets.map((m) => truth.latentAt(m, t));
    let n = 0;
    for (const r of rt.recipients) {
      if (r.sample && !r.sample.bernoulli(tier.share)) continue;
      for (let j = 0; j < markets.length; j++) {
        const value = latent[j]! + r.noise[j]!.normal(0, sd);
        this.delivery.deliver(r.id, { market: markets[j]!, value, precision: tier.precision, tier: tier.name, t });
        n++;
      }
    }
    this.stats.rounds[tier.name]!++;
    this.stats.readings[tier.name]! += n;
  }

  /** Recipient ids of a tier (after `start`). */
  recipientsOf(tierName: string): string[] {
    const rt = this.tiers.find((x) => x.tier.name === tierName);
    if (!rt) throw new Error(`agent-signals ${this.id}: no tier "${tierName}"`);
    return rt.recipients.map((r) => r.id);
  }
}

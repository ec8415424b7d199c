/**
 * The endogenous-spread LP.
 * @module
 */
import type { AgentContext, Fill, FillLeg, Side } from '@venuelab/kernel';
import { LpMarketMaker } from '@venuelab/plugin-agent-lp';
import { endogenousHalfSpread, ewmaStep, markoutPerLot } from './spread-feedback.js';
import type { EndogenousLpConfig } from './schema.js';

const WAKE_MARKOUT = 1;

interface PendingMarkout {
  venue: string;
  market: string;
  side: Side;
  price: number;
}

/** One fill marked, for tests and diagnostics (kept only when `trace` is on). */
export interface MarkRecord {
  /** Tick the mark was taken. */
  t: number;
  /** Venue. */
  venue: string;
  /** Market. */
  market: string;
  /** The LP's side. */
  side: Side;
  /** Fill price (ticks). */
  price: number;
  /** Reference price the fill was marked against (ticks). */
  reference: number;
  /** Markout per lot (ticks). */
  markout: number;
  /** Half-spread of the venue and market after the update. */
  halfSpread: number;
}

/** The feedback state of one venue and market. */
export interface SpreadState {
  /** EWMA of markout per lot, ticks. */
  markout: number;
  /** Fills marked so far. */
  marked: number;
}

/**
 * The LP whose half-spread responds to its realised markout. Each of its fills is marked
 * `markoutHorizon` ticks after the fill against its own belief then (or the venue's mid), and the
 * per-lot markout feeds an EWMA kept separately for each venue and market; the half-spread quoted
 * there is {@link endogenousHalfSpread} of that average. A venue that protects the LP from being
 * picked off shows a better markout and therefore tighter quotes, for everyone who trades there.
 *
 * A fill reaches the LP after its observation delay; when that is later than the horizon, the fill
 * is marked on arrival.
 */
export class EndogenousLp extends LpMarketMaker {
  /** Fills marked (kept only when `trace` is on). */
  readonly marks: MarkRecord[] = [];
  private readonly feedback = new Map<string, SpreadState>();
  private readonly pending = new Map<number, PendingMarkout>();
  private nextPending = 0;

  /**
   * @param ctx - the agent context
   * @param cfg - validated config
   */
  constructor(
    ctx: AgentContext,
    private readonly cfg: EndogenousLpConfig,
  ) {
    super(ctx, cfg);
  }

  /** Feedback state of a venue and market. */
  spreadState(venue: string, market: string): SpreadState {
    const key = `${venue}\u0000${market}`;
    let s = this.feedback.get(key);
    if (!s) {
      s = { markout: 0, marked: 0 };
      this.feedback.set(key, s);
    }
    return s;
  }

  override halfSpread(venue: string, market: string): number {
    const c = this.cfg;
    return endogenousHalfSpread(c.halfSpread, c.sensitivity, this.spreadState(venue, market).markout, c.minHalfSpread, c.maxHalfSpread);
  }

  protected override onOwnFill(fill: Fill, leg: FillLeg, t: number): void {
    const p: PendingMarkout = { venue: fill.venue, market: fill.market, side: leg.side, price: fill.price };
    const due = fill.t + this.cfg.markoutHorizon;
    if (due <= t) {
      this.mark(p, t);
      return;
    }
    if (due >= this.ctx.duration) return;
    const k = this.nextPending++;
    this.pending.set(k, p);
    this.ctx.wakeAt(due, WAKE_MARKOUT, k);
  }

  protected override onOtherWake(kind: number, arg: number, t: number): void {
    if (kind !== WAKE_MARKOUT) return;
    const p = this.pending.get(arg);
    if (!p) return;
    this.pending.delete(arg);
    this.mark(p, t);
  }

  private mark(p: PendingMarkout, t: number): void {
    let ref = this.center(p.market);
    if (this.cfg.markoutReference === 'mid') {
      const mid = this.ctx.venues.state(p.venue, p.market).mid;
      if (Number.isFinite(mid)) ref = mid;
    }
    const s = this.spreadState(p.venue, p.market);
    const m = markoutPerLot(p.side, p.price, ref);
    s.markout = ewmaStep(s.markout, m, this.cfg.alpha);
    s.marked++;
    if (this.trace) this.marks.push({ t, venue: p.venue, market: p.market, side: p.side, price: p.price, reference: ref, markout: m, halfSpread: this.halfSpread(p.venue, p.market) });
  }
}

/**
 * The venue conformance suite: a fast-check property suite every venue plugin (first- or
 * third-party) runs against itself. It drives a fresh venue through random message streams (limit,
 * market and cancel messages from a few agents at prices near a mid on the grid, invalid messages of
 * every kind, and clock advances) and checks after every step:
 *
 * - **results**: no exception escapes; every result names its order, has a known status and whole,
 *   consistent quantities; invalid messages (bad quantity, NaN / infinite / non-positive / off-grid
 *   price, unknown market, duplicate id, cancel of an unknown, foreign or finished order, an order
 *   type the venue does not take) are rejected with a {@link RejectReason} code; any rejected
 *   message changes nothing (book depth, `restingOrderCount`, fills); a cancel leaves nothing live.
 * - **book**: the visible book is well formed (levels sorted best first, positive sizes, touch
 *   fields agree with the levels) and never crossed (best bid < best ask); `restingOrderCount`
 *   never exceeds the orders that can still be live.
 * - **conservation**: every fill has a positive whole quantity and a finite positive price; lots
 *   bought equal lots sold; the cash of all participants sums to minus the fees; each leg belongs to
 *   an order of the agent and side it names (or to a declared pool); no order fills for more than
 *   it asked, or after it was cancelled, or beyond its limit price; a result's `filledQty` equals
 *   the fills of that order pushed while the message was processed.
 * - **fills**: each fill is pushed exactly once (a new object, a unique (maker order, taker order,
 *   t) key), in time order, stamped with the venue, the market and its tick (the message's tick, or
 *   a tick the clock just passed), and never mutated after it was pushed; fills of one batch share
 *   their mids.
 * - **determinism**: the same seed and stream give identical results, fills and states.
 *
 * Result rules a venue must follow (from the contract in `@venuelab/kernel`):
 *
 * | status | filledQty | remainingQty |
 * | --- | --- | --- |
 * | `rejected` | 0 | 0, with a `reason` code; nothing changed |
 * | `filled` | the order's qty | 0 |
 * | `resting`, `pending` | 0 | the order's qty |
 * | `partial` | between 0 and qty (exclusive) | qty - filledQty (the rest is live) or 0 (the rest was cancelled, immediate-or-cancel) |
 * | `cancelled`, `expired` | what traded before | 0 |
 * | `cancelled` (a cancel) | 0 | 0; `restingOrderCount()` drops by one |
 *
 * `filledQty` is the lots of that order's fills pushed while the message was processed (0 on a batch
 * venue, whose fills come with a clock tick).
 *
 * @module
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { RejectReason, type Fill, type FillLeg, type OrderResult, type RejectReasonCode, type Side, type VenueState } from '@venuelab/kernel';
import type { VenueHarness } from './venue-harness.js';

/** One step of a generated stream. Agents are indices into `agent0..agentN-1`; `pick` chooses among candidate orders. */
export type ConformanceCommand =
  /** A limit order at `center + level * tickSize` for `lots * lotSize`. */
  | {
      /** Command kind. */ kind: 'limit';
      /** Index of the sending test agent. */ agent: number;
      /** Order side. */ side: Side;
      /** Price level relative to the centre, in ticks. */ level: number;
      /** Quantity in lot multiples. */ lots: number;
    }
  /** A market order for `lots * lotSize`. */
  | {
      /** Command kind. */ kind: 'market';
      /** Index of the sending test agent. */ agent: number;
      /** Order side. */ side: Side;
      /** Quantity in lot multiples. */ lots: number;
    }
  /** A cancel by `agent` of one of its own orders that may still be live. */
  | {
      /** Command kind. */ kind: 'cancel';
      /** Index of the cancelling test agent. */ agent: number;
      /** Which of the agent's orders to cancel (taken modulo their count). */ pick: number;
    }
  /** Advances the clock by `ticks` (calling `venue.tick` for each). */
  | {
      /** Command kind. */ kind: 'advance';
      /** Ticks to advance. */ ticks: number;
    }
  /** A message the venue must reject. */
  | {
      /** Command kind. */ kind: 'invalid';
      /** Which invalid message to send. */ variant: InvalidVariant;
      /** Index of the sending test agent. */ agent: number;
      /** Order side. */ side: Side;
      /** Which order to target, where the variant needs one. */ pick: number;
    };

/** The kinds of invalid message the suite sends. */
export const INVALID_VARIANTS = [
  'qtyZero',
  'qtyNegative',
  'qtyFraction',
  'qtyNaN',
  'qtyInfinite',
  'qtyOffLot',
  'priceNaN',
  'priceInfinite',
  'priceNonPositive',
  'priceOffGrid',
  'unknownMarket',
  'duplicateId',
  'marketQtyZero',
  'marketQtyFraction',
  'marketUnknownMarket',
  'marketDuplicateId',
  'cancelUnknown',
  'cancelForeign',
  'cancelDone',
] as const;

/** One of {@link INVALID_VARIANTS}. */
export type InvalidVariant = (typeof INVALID_VARIANTS)[number];

/** The groups of checks; each becomes one `it` block of {@link venueConformance}. */
export type ConformanceCheck = 'results' | 'book' | 'conservation' | 'fills' | 'determinism';

/** Every check group. */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = ['results', 'book', 'conservation', 'fills', 'determinism'];

/** Options of the conformance suite: what the venue supports and how streams are generated. */
export interface VenueConformanceOptions {
  /** Market to trade (default: the venue's first market). */
  market?: string;
  /** Centre of generated prices in price ticks (default: the venue's mid, else its last price, else 10,000). */
  mid?: number;
  /** The venue's price grid step in price ticks (default 1). */
  tickSize?: number;
  /** The venue's quantity step in lots (default 1). */
  lotSize?: number;
  /** Limit prices are `centre + k * tickSize` with `|k| <= priceLevels` (default 8). */
  priceLevels?: number;
  /** Quantities are up to `maxLots * lotSize` lots (default 5). */
  maxLots?: number;
  /** Number of agents (default 3). */
  agents?: number;
  /** Whether the venue takes limit orders (default: `capabilities.limitOrders`); if not, they must be rejected. */
  limitOrders?: boolean;
  /** Whether the venue takes market orders (default: `capabilities.marketOrders`); if not, they must be rejected. */
  marketOrders?: boolean;
  /**
   * Participant ids that may appear on a fill leg with order id -1 (an AMM pool, the reduced-form
   * counterparty of an intensity venue). Default: none.
   */
  poolIds?: readonly string[];
  /**
   * Reasons for which the venue may reject a well-formed limit or market order. Default:
   * `VL_REJECT_NO_LIQUIDITY` (a pool that cannot take a large order), `VL_REJECT_GUARDRAIL` and
   * `VL_REJECT_UNSUPPORTED` (a venue policy, e.g. post-only quotes that would cross). Any other
   * rejection of a well-formed order (a bad-quantity, bad-price, off-tick, unknown-market, duplicate
   * or self-trade code) fails the suite. Pass `[]` to demand that every well-formed order is
   * accepted. A cancel of an own order that the venue removed on its own may always be rejected
   * with `VL_REJECT_UNKNOWN_ORDER`.
   */
  acceptableRejections?: readonly RejectReasonCode[];
  /**
   * When the visible book must be uncrossed: `always` (after every message and advance; continuous
   * venues), `afterBatch` (after an advance of at least `capabilities.batchInterval` ticks, i.e.
   * after a clear with no message since; batch venues), `off` (a venue that never matches resting
   * orders against each other, e.g. a reduced-form venue, or a pool that shows one marginal price
   * as both bid and ask; say why in your test). Crossed means `bestBid >= bestAsk`: a locked book
   * counts. Default: `afterBatch` for `mechanism: 'batch'`, otherwise `always`.
   */
  crossCheck?: 'always' | 'afterBatch' | 'off';
  /** Largest clock advance in ticks (default `max(3, 2 * batchInterval)`). */
  maxAdvance?: number;
  /** Longest stream (default 60 steps). */
  maxSteps?: number;
  /**
   * Book depth (levels per side) read after every step to check the book and that a rejected
   * message changed nothing (default 1,000). A pool that synthesises its levels may make deep reads
   * slow; a long fuzz run may lower it.
   */
  snapshotDepth?: number;
  /** fast-check runs per property (default 100). */
  numRuns?: number;
  /** fast-check seed, to replay a reported failure. */
  seed?: number;
}

/** Makes a fresh venue under a harness for a seed; each call must return a new, independent venue. */
export type MakeVenue = (seed: number) => VenueHarness;

/** A named property of the suite. */
export interface ConformanceProperty {
  /** What it checks (the `it` title). */
  name: string;
  /** The check group. */
  check: ConformanceCheck;
  /** The fast-check property over (seed, stream). */
  property: fc.IProperty<[number, ConformanceCommand[]]>;
}

/** What one stream did, for determinism comparisons. */
export interface ConformanceTrace {
  /** Per step: the result (null for advances), the fills pushed, and the visible state after. */
  steps: {
    /** The venue's answer (null for advances). */ result: OrderResult | null;
    /** Fills pushed during the step. */ fills: Fill[];
    /** `getState()` after the step. */ state: VenueState;
  }[];
  /** `restingOrderCount()` at the end. */
  resting: number;
}

/** Thrown when a venue breaks a conformance rule; names the step and the command. */
export class ConformanceViolation extends Error {
  /** The check group that failed. */
  readonly check: ConformanceCheck;
  /** Index of the failing step in the stream. */
  readonly step: number;

  /**
   * @param check - the check group
   * @param step - index of the step in the stream
   * @param detail - what went wrong
   */
  constructor(check: ConformanceCheck, step: number, detail: string) {
    super(`[${check}] step ${step}: ${detail}`);
    this.name = 'ConformanceViolation';
    this.check = check;
    this.step = step;
  }
}

interface Resolved {
  market: string;
  center: number;
  tickSize: number;
  lotSize: number;
  priceLevels: number;
  maxLots: number;
  agents: number;
  limitOrders: boolean;
  marketOrders: boolean;
  poolIds: ReadonlySet<string>;
  acceptable: ReadonlySet<string>;
  crossCheck: 'always' | 'afterBatch' | 'off';
  batchInterval: number;
  maxAdvance: number;
  maxSteps: number;
  snapshotDepth: number;
  numRuns: number;
  seed: number | undefined;
}

function resolve(makeVenue: MakeVenue, o: VenueConformanceOptions): Resolved {
  const h = makeVenue(1);
  const v = h.venue;
  const market = o.market ?? v.markets[0];
  if (market === undefined) throw new Error('venueConformance: the venue trades no market');
  const tickSize = o.tickSize ?? 1;
  const s = v.getState(market, 1);
  const mid = o.mid ?? (Number.isFinite(s.mid) ? s.mid : Number.isFinite(s.last) ? s.last : 10_000);
  const batchInterval = v.capabilities.batchInterval;
  return {
    market,
    center: Math.max(1, Math.round(mid / tickSize)) * tickSize,
    tickSize,
    lotSize: o.lotSize ?? 1,
    priceLevels: o.priceLevels ?? 8,
    maxLots: o.maxLots ?? 5,
    agents: o.agents ?? 3,
    limitOrders: o.limitOrders ?? v.capabilities.limitOrders,
    marketOrders: o.marketOrders ?? v.capabilities.marketOrders,
    poolIds: new Set(o.poolIds ?? []),
    acceptable: new Set(o.acceptableRejections ?? [RejectReason.NoLiquidity, RejectReason.Guardrail, RejectReason.Unsupported]),
    crossCheck: o.crossCheck ?? (v.capabilities.mechanism === 'batch' ? 'afterBatch' : 'always'),
    batchInterval,
    maxAdvance: o.maxAdvance ?? Math.max(3, 2 * batchInterval),
    maxSteps: o.maxSteps ?? 60,
    snapshotDepth: o.snapshotDepth ?? SNAPSHOT_DEPTH,
    numRuns: o.numRuns ?? 100,
    seed: o.seed,
  };
}

/**
 * The arbitrary of conformance streams for a venue and options, with an explicit length range (the
 * suite's own streams are 1 to `maxSteps` long). Used by the long-stream fuzzer (`venueFuzz`).
 * @param makeVenue - makes a fresh venue under a harness for a seed
 * @param options - what the venue supports and how to generate streams
 * @param length - the stream length range (inclusive)
 */
export function conformanceStreamArb(
  makeVenue: MakeVenue,
  options: VenueConformanceOptions,
  length: { minLength: number; maxLength: number },
): fc.Arbitrary<ConformanceCommand[]> {
  return streamArb(resolve(makeVenue, options), length);
}

/** The arbitrary of streams for resolved options. */
function streamArb(r: Resolved, length: { minLength: number; maxLength: number } = { minLength: 1, maxLength: r.maxSteps }): fc.Arbitrary<ConformanceCommand[]> {
  const agent = fc.nat({ max: r.agents - 1 });
  const side = fc.constantFrom<Side>('buy', 'sell');
  const lots = fc.integer({ min: 1, max: r.maxLots });
  const command: fc.Arbitrary<ConformanceCommand> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('limit' as const), agent, side, level: fc.integer({ min: -r.priceLevels, max: r.priceLevels }), lots }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('market' as const), agent, side, lots }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), agent, pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ticks: fc.integer({ min: 1, max: r.maxAdvance }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('invalid' as const), variant: fc.constantFrom(...INVALID_VARIANTS), agent, side, pick: fc.nat() }) },
  );
  return fc.array(command, length);
}

/** Structural equality of plain data (NaN equals NaN; prototypes ignored). */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** A deep copy of plain data (keeps NaN and infinities). */
function copy<T>(x: T): T {
  if (typeof x !== 'object' || x === null) return x;
  if (Array.isArray(x)) return x.map(copy) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(x)) out[k] = copy((x as Record<string, unknown>)[k]);
  return out as T;
}

/** JSON for messages, with NaN and infinities spelled out. */
function show(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

const REASONS: ReadonlySet<string> = new Set(Object.values(RejectReason));
const STATUSES: ReadonlySet<string> = new Set(['filled', 'partial', 'resting', 'pending', 'cancelled', 'expired', 'rejected']);
const NO_MARKET = '__venuelab_no_such_market__';
const UNKNOWN_ID_BASE = 1_000_000_000;
const SNAPSHOT_DEPTH = 1_000;

/** What the suite knows about an order it sent and the venue accepted. */
interface ModelOrder {
  id: number;
  agent: string;
  side: Side;
  /** Limit price, NaN for market orders. */
  limit: number;
  qty: number;
  filled: number;
  /** Cancelled on request. */
  cancelled: boolean;
  /** Could still be live: accepted with a remainder, not cancelled, not completely filled. */
  open: boolean;
}

/** A message about to be sent. */
interface Message {
  action: 'limit' | 'market' | 'cancel';
  orderId: number;
  agent: string;
  side: Side;
  market: string;
  price: number;
  qty: number;
  /** Must be rejected. */
  invalid: boolean;
  /** For cancels: the targeted order may legitimately be live (own, model-open). */
  ownOpenCancel: boolean;
}

/**
 * Runs one stream against a fresh venue and checks the chosen groups after every step.
 * Throws a {@link ConformanceViolation} at the first broken rule; returns the trace otherwise.
 * Useful to replay a stream by hand (e.g. a counterexample fast-check printed).
 */
export function runConformanceStream(
  makeVenue: MakeVenue,
  seed: number,
  commands: readonly ConformanceCommand[],
  options: VenueConformanceOptions = {},
  checks: readonly ConformanceCheck[] = CONFORMANCE_CHECKS,
): ConformanceTrace {
  return execute(makeVenue(seed), commands, resolve(makeVenue, options), new Set(checks));
}

function execute(h: VenueHarness, commands: readonly ConformanceCommand[], r: Resolved, checks: ReadonlySet<ConformanceCheck>): ConformanceTrace {
  const v = h.venue;
  const market = r.market;
  const agents = Array.from({ length: r.agents }, (_, i) => `agent${i}`);
  const orders = new Map<number, ModelOrder>();
  const accepted: number[] = [];
  const rejectedIds: number[] = [];
  const seenFills = new Set<Fill>();
  const pushed: { fill: Fill; copy: Fill; step: number }[] = [];
  const keys = new Set<string>();
  const batchMids = new Map<string, [number, number]>();
  const netLots = new Map<string, number>();
  let cashSum = 0;
  let feeSum = 0;
  let notionalSum = 0;
  let nextId = 1;
  let unknownId = UNKNOWN_ID_BASE;
  let step = 0;
  const trace: ConformanceTrace = { steps: [], resting: 0 };

  const fail = (check: ConformanceCheck, detail: string): never => {
    throw new ConformanceViolation(check, step, `${detail}\n  command: ${show(commands[step])}`);
  };
  const expect = (check: ConformanceCheck, ok: boolean, detail: () => string): void => {
    if (!ok && checks.has(check)) fail(check, detail());
  };
  const guarded = <T>(what: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ConformanceViolation) throw e;
      throw new ConformanceViolation('results', step, `${what} threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n  command: ${show(commands[step])}`);
    }
  };
  const state = (depth = r.snapshotDepth): VenueState => guarded('getState', () => v.getState(market, depth));
  const openOrders = () => [...orders.values()].filter((o) => o.open);
  const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);
  const lot = r.lotSize;
  const price = (level: number) => r.center + level * r.tickSize;

  /** Turns a command into a message (or null for advances). */
  const toMessage = (c: ConformanceCommand): Message | null => {
    if (c.kind === 'advance') return null;
    const agent = agents[c.agent % agents.length]!;
    const base = { agent, market, ownOpenCancel: false };
    if (c.kind === 'limit') {
      return { ...base, action: 'limit', orderId: nextId++, side: c.side, price: price(c.level), qty: c.lots * lot, invalid: !r.limitOrders };
    }
    if (c.kind === 'market') return { ...base, action: 'market', orderId: nextId++, side: c.side, price: NaN, qty: c.lots * lot, invalid: !r.marketOrders };
    if (c.kind === 'cancel') {
      const own = pick(
        openOrders().filter((o) => o.agent === agent),
        c.pick,
      );
      if (own) return { ...base, action: 'cancel', orderId: own.id, side: own.side, price: NaN, qty: 0, invalid: false, ownOpenCancel: true };
      return { ...base, action: 'cancel', orderId: unknownId++, side: 'buy', price: NaN, qty: 0, invalid: true };
    }
    const side = c.side;
    const limitAction = r.limitOrders || !r.marketOrders ? 'limit' : 'market';
    const order = (qty: number, p = price(0), mkt = market, orderId = nextId++): Message => ({
      ...base,
      action: limitAction,
      orderId,
      side,
      price: limitAction === 'limit' ? p : NaN,
      qty,
      market: mkt,
      invalid: true,
    });
    const limitOrder = (qty: number, p: number, mkt = market, orderId = nextId++): Message => ({ ...base, action: 'limit', orderId, side, price: p, qty, market: mkt, invalid: true });
    const marketOrder = (qty: number, mkt = market, orderId = nextId++): Message => ({ ...base, action: 'market', orderId, side, price: NaN, qty, market: mkt, invalid: true });
    const cancel = (orderId: number): Message => ({ ...base, action: 'cancel', orderId, side: 'buy', price: NaN, qty: 0, invalid: true });
    switch (c.variant) {
      case 'qtyZero':
        return order(0);
      case 'qtyNegative':
        return order(-lot);
      case 'qtyFraction':
        return order(lot + 0.5);
      case 'qtyNaN':
        return order(NaN);
      case 'qtyInfinite':
        return order(Infinity);
      case 'qtyOffLot':
        return order(lot > 1 ? lot + 1 : 1.5);
      case 'priceNaN':
        return limitOrder(lot, NaN);
      case 'priceInfinite':
        return limitOrder(lot, c.pick % 2 === 0 ? Infinity : -Infinity);
      case 'priceNonPositive':
        return limitOrder(lot, c.pick % 2 === 0 ? 0 : -r.tickSize);
      case 'priceOffGrid':
        return limitOrder(lot, r.center + r.tickSize / 2);
      case 'unknownMarket':
        return order(lot, price(0), NO_MARKET);
      case 'duplicateId': {
        const id = pick(accepted, c.pick);
        return id === undefined ? cancel(unknownId++) : order(lot, price(0), market, id);
      }
      case 'marketQtyZero':
        return marketOrder(0);
      case 'marketQtyFraction':
        return marketOrder(lot + 0.5);
      case 'marketUnknownMarket':
        return marketOrder(lot, NO_MARKET);
      case 'marketDuplicateId': {
        const id = pick(accepted, c.pick);
        return id === undefined ? cancel(unknownId++) : marketOrder(lot, market, id);
      }
      case 'cancelUnknown':
        return cancel(c.pick % 3 === 0 ? (pick(rejectedIds, c.pick) ?? unknownId++) : unknownId++);
      case 'cancelForeign': {
        const o = pick(
          openOrders().filter((x) => x.agent !== agent),
          c.pick,
        );
        return cancel(o ? o.id : unknownId++);
      }
      case 'cancelDone': {
        const o = pick(
          [...orders.values()].filter((x) => !x.open),
          c.pick,
        );
        return o ? { ...cancel(o.id), agent: o.agent } : cancel(unknownId++);
      }
    }
  };

  /** Checks one new fill and folds it into the model. */
  const absorb = (f: Fill, during: Message | null, stepFilled: Map<number, number>, from: number): void => {
    // ---- fills: pushed once, stamped correctly
    expect('fills', !seenFills.has(f), () => `the same fill object was pushed twice: ${show(f)}`);
    seenFills.add(f);
    pushed.push({ fill: f, copy: copy(f), step });
    expect('fills', f.venue === v.id, () => `fill.venue is ${show(f.venue)}, expected ${show(v.id)}`);
    expect('fills', f.market === market, () => `fill.market is ${show(f.market)}, expected ${show(market)}`);
    if (during) expect('fills', f.t === h.now, () => `fill.t is ${f.t}, but the message arrived at ${h.now}`);
    else expect('fills', Number.isInteger(f.t) && f.t > from && f.t <= h.now, () => `fill.t is ${f.t}, outside the ticks (${from}, ${h.now}] the clock just passed`);
    expect('fills', Number.isInteger(f.batchId) && f.batchId >= -1, () => `fill.batchId ${f.batchId} is not an integer >= -1`);
    expect('fills', typeof f.midBefore === 'number' && typeof f.midAfter === 'number', () => 'fill mids must be numbers (NaN when absent)');
    expect('fills', f.maker?.liquidity === 'maker' && f.taker?.liquidity === 'taker', () => `leg liquidity flags wrong: ${show(f)}`);
    const key = `${f.maker?.orderId}|${f.taker?.orderId}|${f.maker?.agentId}|${f.taker?.agentId}|${f.t}`;
    expect('fills', !keys.has(key), () => `two fills share (maker order, taker order, t): ${key}`);
    keys.add(key);
    if (f.batchId >= 0) {
      const bk = `${f.market}|${f.batchId}`;
      const mids = batchMids.get(bk);
      if (mids) {
        expect('fills', Object.is(mids[0], f.midBefore) && Object.is(mids[1], f.midAfter), () => `fills of batch ${f.batchId} carry different mids`);
      } else batchMids.set(bk, [f.midBefore, f.midAfter]);
    }
    // ---- conservation
    expect('conservation', Number.isSafeInteger(f.qty) && f.qty > 0, () => `fill qty ${f.qty} is not a positive whole number of lots`);
    expect('conservation', Number.isFinite(f.price) && f.price > 0, () => `fill price ${f.price} is not finite and positive`);
    expect('conservation', Number.isFinite(f.maker?.fee) && Number.isFinite(f.taker?.fee), () => `fill fees are not finite: ${show(f)}`);
    const sides = [f.maker?.side, f.taker?.side].sort().join('/');
    expect('conservation', sides === 'buy/sell', () => `the legs must be one buy and one sell, got ${sides}`);
    for (const leg of [f.maker, f.taker] as FillLeg[]) {
      if (!leg) continue;
      const sign = leg.side === 'buy' ? 1 : -1;
      netLots.set(leg.agentId, (netLots.get(leg.agentId) ?? 0) + sign * f.qty);
      cashSum += -sign * f.price * f.qty - leg.fee;
      feeSum += leg.fee;
      notionalSum += Math.abs(f.price * f.qty) + Math.abs(leg.fee);
      if (leg.orderId === -1) {
        expect('conservation', r.poolIds.has(leg.agentId), () => `a leg without an order (-1) belongs to ${show(leg.agentId)}, not a declared pool (options.poolIds)`);
        continue;
      }
      const o = orders.get(leg.orderId);
      if (!o) {
        fail('conservation', `a leg names order ${leg.orderId}, which the venue never accepted`);
        continue;
      }
      expect('conservation', leg.agentId === o.agent, () => `order ${o.id} belongs to ${o.agent}, the leg says ${leg.agentId}`);
      expect('conservation', leg.side === o.side, () => `order ${o.id} is a ${o.side}, the leg says ${leg.side}`);
      expect('conservation', !o.cancelled, () => `order ${o.id} filled after it was cancelled`);
      o.filled += f.qty;
      expect('conservation', o.filled <= o.qty, () => `order ${o.id} filled ${o.filled} lots of ${o.qty}`);
      if (o.filled >= o.qty) o.open = false;
      if (!Number.isNaN(o.limit)) {
        const tol = 1e-9 * Math.max(1, Math.abs(o.limit));
        const ok = o.side === 'buy' ? f.price <= o.limit + tol : f.price >= o.limit - tol;
        expect('conservation', ok, () => `order ${o.id} (${o.side} limit ${o.limit}) filled at ${f.price}`);
      }
      if (during) stepFilled.set(o.id, (stepFilled.get(o.id) ?? 0) + f.qty);
    }
  };

  /** Drains the fills of this step and checks them. */
  const collect = (during: Message | null, before: number, from: number): { fills: Fill[]; byOrder: Map<number, number> } => {
    const fresh = h.drain();
    expect('fills', fresh.length === h.fills.length - before, () => `drain returned ${fresh.length} fills, ${h.fills.length - before} were pushed`);
    const byOrder = new Map<number, number>();
    let lastT = -Infinity;
    for (const f of fresh) {
      absorb(f, during, byOrder, from);
      expect('fills', f.t >= lastT, () => `fills were pushed out of time order (t ${f.t} after ${lastT})`);
      lastT = f.t;
    }
    let lots = 0;
    for (const x of netLots.values()) lots += x;
    expect('conservation', lots === 0, () => `lots bought and sold differ by ${lots}`);
    expect('conservation', Math.abs(cashSum + feeSum) <= 1e-9 * Math.max(1, notionalSum), () => `cash does not sum to minus the fees: cash ${cashSum}, fees ${feeSum}`);
    return { fills: fresh, byOrder };
  };

  const checkBook = (s: VenueState, crossed: boolean): void => {
    expect('book', s.market === market, () => `getState(${market}).market is ${s.market}`);
    expect('book', s.t === h.now, () => `getState().t is ${s.t}, the clock is at ${h.now}`);
    const well = (levels: { price: number; qty: number }[], better: (a: number, b: number) => boolean, name: string) => {
      for (let i = 0; i < levels.length; i++) {
        const l = levels[i]!;
        expect('book', Number.isFinite(l.price) && Number.isFinite(l.qty) && l.qty > 0, () => `${name}[${i}] is ${show(l)}`);
        if (i > 0) expect('book', better(levels[i - 1]!.price, l.price), () => `${name} levels are not sorted best first: ${show(levels.slice(0, 10))}`);
      }
    };
    well(s.bids, (a, b) => a > b, 'bids');
    well(s.asks, (a, b) => a < b, 'asks');
    if (s.bids.length > 0) expect('book', s.bestBid === s.bids[0]!.price && s.bidQty === s.bids[0]!.qty, () => `bestBid/bidQty disagree with bids[0]: ${s.bestBid}/${s.bidQty} vs ${show(s.bids[0])}`);
    if (s.asks.length > 0) expect('book', s.bestAsk === s.asks[0]!.price && s.askQty === s.asks[0]!.qty, () => `bestAsk/askQty disagree with asks[0]: ${s.bestAsk}/${s.askQty} vs ${show(s.asks[0])}`);
    if (crossed) {
      if (Number.isFinite(s.bestBid) && Number.isFinite(s.bestAsk)) expect('book', s.bestBid < s.bestAsk, () => `crossed book: best bid ${s.bestBid} >= best ask ${s.bestAsk}`);
      if (s.bids.length > 0 && s.asks.length > 0) expect('book', s.bids[0]!.price < s.asks[0]!.price, () => `crossed depth: bid ${s.bids[0]!.price} >= ask ${s.asks[0]!.price}`);
    }
    const resting = guarded('restingOrderCount', () => v.restingOrderCount());
    const open = openOrders().length;
    expect('book', Number.isSafeInteger(resting) && resting >= 0 && resting <= open, () => `restingOrderCount() is ${resting}, but at most ${open} orders can be live`);
  };

  const send = (m: Message): OrderResult => {
    if (m.action === 'limit') {
      return guarded('submitLimitOrder', () => v.submitLimitOrder({ orderId: m.orderId, agentId: m.agent, market: m.market, side: m.side, price: m.price, qty: m.qty, submittedAt: h.now }));
    }
    if (m.action === 'market') return guarded('submitMarketOrder', () => v.submitMarketOrder({ orderId: m.orderId, agentId: m.agent, market: m.market, side: m.side, qty: m.qty, submittedAt: h.now }));
    return guarded('cancelOrder', () => v.cancelOrder({ orderId: m.orderId, agentId: m.agent, submittedAt: h.now }));
  };

  for (step = 0; step < commands.length; step++) {
    const c = commands[step]!;
    if (c.kind === 'advance') {
      const before = h.fills.length;
      const from = h.now;
      guarded('advance / tick', () => h.advance(h.now + c.ticks));
      const { fills } = collect(null, before, from);
      const s = state();
      const afterBatch = c.ticks >= Math.max(1, r.batchInterval);
      checkBook(s, r.crossCheck === 'always' || (r.crossCheck === 'afterBatch' && afterBatch));
      trace.steps.push({ result: null, fills: fills.map(copy), state: copy(state(5)) });
      continue;
    }
    const m = toMessage(c)!;
    const s0 = copy(state());
    const resting0 = guarded('restingOrderCount', () => v.restingOrderCount());
    const fills0 = h.fills.length;
    // A submission is known to the model before it is sent, so fills of its own leg can be checked.
    let fresh: ModelOrder | null = null;
    if (m.action !== 'cancel' && !orders.has(m.orderId)) {
      fresh = { id: m.orderId, agent: m.agent, side: m.side, limit: m.action === 'limit' ? m.price : NaN, qty: m.qty, filled: 0, cancelled: false, open: true };
      orders.set(m.orderId, fresh);
    }
    const res = send(m);
    const { fills, byOrder } = collect(m, fills0, h.now);
    const s1 = state();
    // ---- results
    if (res === null || typeof res !== 'object') fail('results', `the venue returned ${String(res)} instead of an OrderResult`);
    expect('results', res.orderId === m.orderId, () => `result.orderId ${res.orderId} for a message about ${m.orderId}`);
    expect('results', STATUSES.has(res.status), () => `unknown status ${show(res.status)}`);
    expect('results', Number.isSafeInteger(res.filledQty) && res.filledQty >= 0 && Number.isSafeInteger(res.remainingQty) && res.remainingQty >= 0, () => `quantities are not whole and non-negative: ${show(res)}`);
    if (res.status === 'rejected') {
      expect('results', res.reason !== undefined && REASONS.has(res.reason), () => `rejected without a RejectReason code: ${show(res)}`);
      expect('results', res.filledQty === 0 && res.remainingQty === 0, () => `a rejection reports quantities: ${show(res)}`);
      expect('results', fills.length === 0, () => `a rejected message pushed ${fills.length} fills`);
      expect('results', sameData(s0, s1), () => `a rejected message changed the book:\n  before ${show(s0)}\n  after  ${show(s1)}`);
      const resting1 = guarded('restingOrderCount', () => v.restingOrderCount());
      expect('results', resting0 === resting1, () => `a rejected message changed restingOrderCount from ${resting0} to ${resting1}`);
      if (!m.invalid) {
        const ok = r.acceptable.has(res.reason ?? '') || (m.ownOpenCancel && res.reason === RejectReason.UnknownOrder);
        expect('results', ok, () => `a well-formed ${m.action} message was rejected with ${res.reason} (declare it in options.acceptableRejections if the venue may do so)`);
      }
      if (fresh) {
        orders.delete(fresh.id);
        rejectedIds.push(fresh.id);
      }
    } else {
      expect('results', !m.invalid, () => `an invalid message (${c.kind === 'invalid' ? c.variant : `unsupported ${m.action} order`}) was not rejected: ${show(res)}`);
      if (m.action === 'cancel') {
        const o = orders.get(m.orderId);
        expect('results', res.status === 'cancelled', () => `an accepted cancel must have status cancelled: ${show(res)}`);
        expect('results', res.filledQty === 0 && res.remainingQty === 0, () => `after a cancel nothing is live and nothing filled: ${show(res)}`);
        expect('results', fills.length === 0, () => `a cancel pushed ${fills.length} fills`);
        const resting1 = guarded('restingOrderCount', () => v.restingOrderCount());
        expect('results', resting1 === resting0 - 1, () => `a cancel changed restingOrderCount from ${resting0} to ${resting1}`);
        if (o) {
          o.cancelled = true;
          o.open = false;
        }
      } else if (fresh) {
        const filled = byOrder.get(m.orderId) ?? 0;
        const o = fresh;
        o.open = res.remainingQty > 0 && o.filled < o.qty;
        expect('conservation', res.filledQty === filled, () => `result.filledQty is ${res.filledQty}, but fills of order ${m.orderId} pushed during the message sum to ${filled}`);
        expect('results', res.filledQty + res.remainingQty <= m.qty, () => `filled + remaining exceed the order's ${m.qty} lots: ${show(res)}`);
        const st = res.status;
        if (st === 'filled') expect('results', res.remainingQty === 0 && res.filledQty === m.qty, () => `status filled, but ${show(res)}`);
        if (st === 'resting' || st === 'pending') {
          expect('results', res.remainingQty > 0 && res.remainingQty === m.qty - res.filledQty, () => `status ${st} must leave the unfilled rest live: ${show(res)}`);
        }
        if (st === 'partial') {
          // Some filled; the rest is either live (a resting limit order) or gone (immediate-or-cancel).
          expect('results', res.filledQty > 0 && res.filledQty < m.qty, () => `status partial needs 0 < filledQty < qty: ${show(res)}`);
          expect('results', res.remainingQty === 0 || res.remainingQty === m.qty - res.filledQty, () => `status partial leaves ${res.remainingQty} live of ${m.qty - res.filledQty} unfilled`);
        }
        if (st === 'resting' || st === 'pending') expect('results', res.filledQty === 0, () => `status ${st} with fills: ${show(res)}`);
        if (st === 'cancelled' || st === 'expired') expect('results', res.remainingQty === 0, () => `status ${st} leaves ${res.remainingQty} live`);
        accepted.push(o.id);
      }
    }
    checkBook(s1, r.crossCheck === 'always');
    trace.steps.push({ result: copy(res), fills: fills.map(copy), state: copy(state(5)) });
  }
  step = commands.length - 1;
  // ---- fills never mutated after being pushed
  for (const p of pushed) expect('fills', sameData(p.fill, p.copy), () => `a fill pushed at step ${p.step} was mutated later:\n  pushed ${show(p.copy)}\n  now    ${show(p.fill)}`);
  expect('fills', h.fills.length === pushed.length, () => `h.fills holds ${h.fills.length} fills, ${pushed.length} were drained`);
  trace.resting = guarded('restingOrderCount', () => v.restingOrderCount());
  return trace;
}

const TITLES: Record<ConformanceCheck, string> = {
  results: 'rejects invalid messages with a coded reason and changes nothing; results are consistent',
  book: 'shows a well-formed book that is never crossed',
  conservation: 'conserves quantity and cash; fills match their orders, sizes and limits',
  fills: 'pushes every fill exactly once, stamped and never mutated',
  determinism: 'is deterministic for a seed and a stream',
};

/**
 * The suite's properties, one per check group, without registering tests: for custom runners, or
 * to assert that a deliberately broken venue fails (`fc.check(p.property).failed`).
 * @param makeVenue - makes a fresh venue under a harness for a seed
 * @param options - what the venue supports and how to generate streams
 */
export function venueConformanceProperties(makeVenue: MakeVenue, options: VenueConformanceOptions = {}): ConformanceProperty[] {
  const resolved = resolve(makeVenue, options);
  const r = () => resolved;
  const seedArb = fc.integer({ min: 1, max: 0x7fffffff });
  const streams = streamArb(resolved);
  return CONFORMANCE_CHECKS.map((check) => ({
    name: TITLES[check],
    check,
    property: fc.property(seedArb, streams, (seed, commands) => {
      if (check === 'determinism') {
        const a = execute(makeVenue(seed), commands, r(), new Set());
        const b = execute(makeVenue(seed), commands, r(), new Set());
        for (let i = 0; i < a.steps.length; i++) {
          if (!sameData(a.steps[i], b.steps[i])) {
            throw new ConformanceViolation(
              'determinism',
              i,
              `two runs with seed ${seed} differ\n  first  ${show(a.steps[i])}\n  second ${show(b.steps[i])}\n  command: ${show(commands[i])}`,
            );
          }
        }
        if (a.resting !== b.resting) throw new ConformanceViolation('determinism', commands.length - 1, `restingOrderCount differs: ${a.resting} vs ${b.resting}`);
        return;
      }
      execute(makeVenue(seed), commands, r(), new Set([check]));
    }),
  }));
}

/**
 * Registers the venue conformance suite as vitest tests: one `describe` block named after the
 * venue, one `it` per check group, each a fast-check property over random streams.
 *
 * @example
 * ```ts
 * // plugins/venue-mine/test/conformance.test.ts
 * import { venueConformance, venueHarness } from '@venuelab/testing';
 * import mine from '../src/index.js';
 *
 * venueConformance('venue-mine', (seed) => venueHarness(mine, { tau: 2 }, { seed }), {
 *   // an AMM: no limit orders, the pool is the maker leg
 *   limitOrders: false,
 *   poolIds: ['pool'],
 * });
 * ```
 *
 * @param name - the venue's name in the test titles
 * @param makeVenue - makes a fresh venue under a harness for a seed (called many times)
 * @param options - what the venue supports and how to generate streams
 */
export function venueConformance(name: string, makeVenue: MakeVenue, options: VenueConformanceOptions = {}): void {
  describe(`${name}: venue conformance`, () => {
    for (const p of venueConformanceProperties(makeVenue, options)) {
      it(p.name, () => {
        const params: fc.Parameters<[number, ConformanceCommand[]]> = { numRuns: options.numRuns ?? 100 };
        if (options.seed !== undefined) params.seed = options.seed;
        fc.assert(p.property, params);
      });
    }
  });
}

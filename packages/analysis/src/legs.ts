/**
 * The trade log as typed columns with derived per-leg quantities (sign, notional, the fill's taker
 * sign, the truth and mid path groups of the leg's market), built once per run record and shared
 * by every metric that reads the same record.
 * @module
 */
import { dictionaryColumn, rowCount, type RunRecord } from '@venuelab/kernel';
import { columnFactor, factorizeBy, factorizePair, type Factor } from './factor.js';
import { midPaths, truthPaths, type PathSet } from './paths.js';
import { toFloat64 } from './numeric.js';

/** Typed view of a run's trade log (one row per fill leg) and its paths. */
export interface LegView {
  /** Number of legs. */
  readonly n: number;
  /** Fill id of each leg. */
  readonly fillId: Float64Array;
  /** Tick of the fill. */
  readonly t: Float64Array;
  /** Fill price (price ticks). */
  readonly price: Float64Array;
  /** Quantity (lots). */
  readonly qty: Float64Array;
  /** Fee paid by the leg (tick-lots, negative = rebate). */
  readonly fee: Float64Array;
  /** +1 when the leg bought, -1 when it sold. */
  readonly sign: Int8Array;
  /** 1 for the maker (resting) leg, 0 for the taker leg. */
  readonly isMaker: Uint8Array;
  /** +1 when the fill's taker bought, -1 when it sold (the same on both legs of a fill). */
  readonly takerSign: Int8Array;
  /** Tick at which the leg's order was sent. */
  readonly submittedAt: Float64Array;
  /** Venue mid before the fill (NaN if none). */
  readonly midBefore: Float64Array;
  /** Venue mid after the fill (NaN if none). */
  readonly midAfter: Float64Array;
  /** Order id of the leg (-1 for pools). */
  readonly orderId: Float64Array;
  /** Agent (or pool) of each leg. */
  readonly agent: Factor;
  /** Role of each leg's agent. */
  readonly role: Factor;
  /** Venue of each leg. */
  readonly venue: Factor;
  /** Market of each leg. */
  readonly market: Factor;
  /** Venue and market of each leg (levels `venue|market`). */
  readonly venueMarket: Factor;
  /** Truth paths by market. */
  readonly truth: PathSet;
  /** Mid paths by venue and market. */
  readonly mids: PathSet;
  /** Truth path group of each market level (index by `market.codes[i]`; -1 if the market has no truth path). */
  readonly truthGroupOfMarket: Int32Array;
  /** Mid path group of each venue-market level (index by `venueMarket.codes[i]`; -1 if none). */
  readonly midGroupOfVenueMarket: Int32Array;
}

const cache = new WeakMap<object, LegView>();

/**
 * The leg view of a record. Memoised on the record's trade table, so several metrics of one run
 * share one view (a pure function of the finished, immutable record; no state crosses runs).
 */
export function legView(record: RunRecord): LegView {
  const hit = cache.get(record.trades);
  if (hit && hit.n === rowCount(record.trades)) return hit;
  const v = buildLegView(record);
  cache.set(record.trades, v);
  return v;
}

function buildLegView(record: RunRecord): LegView {
  const tr = record.trades;
  const n = rowCount(tr);
  const num = (c: string) => toFloat64(tr[c] as ArrayLike<number> | undefined, n);
  const fillId = num('fill_id');
  const side = columnFactor(tr, 'side', n);
  const liq = columnFactor(tr, 'liquidity', n);
  const signOf = Int8Array.from(side.levels, (l) => (l === 'buy' ? 1 : -1));
  const makerOf = Uint8Array.from(liq.levels, (l) => (l === 'maker' ? 1 : 0));
  const sign = new Int8Array(n);
  const isMaker = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    sign[i] = signOf[side.codes[i]!]!;
    isMaker[i] = makerOf[liq.codes[i]!]!;
  }
  // The taker's sign of each fill, looked up by fill id (dense ids use an array).
  const takerSign = new Int8Array(n);
  let maxId = -1;
  let dense = true;
  for (let i = 0; i < n; i++) {
    const f = fillId[i]!;
    if (!(Number.isInteger(f) && f >= 0)) dense = false;
    else if (f > maxId) maxId = f;
  }
  if (dense && maxId < 4 * n + 16) {
    const bySign = new Int8Array(maxId + 1);
    for (let i = 0; i < n; i++) if (!isMaker[i]) bySign[fillId[i]!] = sign[i]!;
    for (let i = 0; i < n; i++) takerSign[i] = bySign[fillId[i]!] || (isMaker[i] ? -sign[i]! : sign[i]!);
  } else {
    const bySign = new Map<number, number>();
    for (let i = 0; i < n; i++) if (!isMaker[i]) bySign.set(fillId[i]!, sign[i]!);
    for (let i = 0; i < n; i++) takerSign[i] = bySign.get(fillId[i]!) ?? (isMaker[i] ? -sign[i]! : sign[i]!);
  }
  const agent = columnFactor(tr, 'agent', n);
  const venue = columnFactor(tr, 'venue', n);
  const market = columnFactor(tr, 'market', n);
  const venueMarket = factorizePair(venue, market);
  const truth = truthPaths(record);
  const mids = midPaths(record);
  return {
    n,
    fillId,
    t: num('t'),
    price: num('price'),
    qty: num('qty'),
    fee: num('fee'),
    sign,
    isMaker,
    takerSign,
    submittedAt: num('submitted_at'),
    midBefore: num('mid_before'),
    midAfter: num('mid_after'),
    orderId: num('order_id'),
    agent,
    role: roleFactor(tr, agent, n),
    venue,
    market,
    venueMarket,
    truth,
    mids,
    truthGroupOfMarket: Int32Array.from(market.levels, (m) => truth.group(m)),
    midGroupOfVenueMarket: Int32Array.from(venueMarket.levels, (k) => mids.group(k)),
  };
}

/** The role factor: from the kernel's dictionary (role is a function of agent) or by scanning the column. */
function roleFactor(tr: RunRecord['trades'], agent: Factor, n: number): Factor {
  const d = dictionaryColumn(tr, 'role');
  if (d && d.codes.length === n) return { codes: d.codes, levels: [...d.levels] };
  return factorizeBy((tr.role ?? new Array<string>(n).fill('')) as ArrayLike<string>, agent);
}

const scratchCache = new WeakMap<LegView, Float64Array[]>();

/**
 * A reusable per-leg work array (length `legs.n`) of a leg view, by slot number. Metrics of a run
 * compute one after another, so they share the slots: allocating fresh arrays of millions of
 * elements for every intermediate costs first-touch page faults and full garbage collections over
 * the whole record. A caller uses distinct slots for arrays it needs at the same time (slots 0, 1,
 * 2, ...); the content is unspecified on return; never keep a scratch array beyond the call that
 * filled it (the next metric overwrites it).
 */
export function scratch(legs: LegView, slot: number): Float64Array {
  if (!Number.isInteger(slot) || slot < 0 || slot > 15) throw new RangeError(`scratch: slot must be an integer 0..15, got ${slot}`);
  let m = scratchCache.get(legs);
  if (!m) scratchCache.set(legs, (m = []));
  return (m[slot] ??= new Float64Array(legs.n));
}

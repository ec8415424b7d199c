/**
 * Columnar logs written during a run: trades (one row per fill leg), orders (one row per message),
 * and sampled paths (venue mids, truth). Appends only, into typed columns (numbers in
 * `Float64Array`s, strings as dictionary codes): no per-row objects are kept, and a finished log
 * costs the garbage collector nothing to trace. See {@link buildColumns} for the tables they give.
 * @module
 */
import type { Columns } from '../contracts/record.js';
import type { Fill, FillLeg, OrderResult } from '../contracts/orders.js';
import { buildColumns, type DictionaryColumn } from './columns.js';
import { Dictionary, RowBlocks } from './row-blocks.js';

const TRADE_COLUMNS = [
  'fill_id', 'leg', 't', 'venue', 'market', 'batch_id', 'agent', 'role', 'order_id', 'side', 'price', 'qty', 'fee',
  'liquidity', 'submitted_at', 'mid_before', 'mid_after', 'counterparty',
] as const;

// Column builders for a log's columns(), called once per run. They are module functions, not
// closures made inside columns(): V8 keeps the optimised code of a module function for the next
// run, while a closure made afresh each run is compiled again every few runs (in a sweep worker,
// per-run closures with loops like these were the most recompiled code of a run).

/**
 * A dictionary column of `labels[codes[i ^ flip]]` for each row i (flip 1: the other leg's row),
 * levels in order of first appearance.
 */
function relabel(codes: Int32Array, labels: readonly string[], flip: 0 | 1): DictionaryColumn {
  const n = codes.length;
  const out = new Int32Array(n);
  const dict = new Dictionary();
  for (let i = 0; i < n; i++) out[i] = dict.code(labels[codes[i ^ flip]!]!);
  return { codes: out, levels: dict.levels };
}

/** A per-fill numeric column repeated for both legs (row i reads fill i >> 1). */
function perLeg(f: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f[i >> 1]!;
  return out;
}

/** A per-fill code column repeated for both legs. */
function perLegCodes(f: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = f[i >> 1]!;
  return out;
}

/**
 * The trade log: one row per fill leg, two rows per fill. Columns: `fill_id` (both legs of a fill
 * share it), `leg` and `liquidity` (`maker` or `taker`), `t`, `venue`, `market`, `batch_id` (-1 for
 * continuous venues), `agent` (leg owner), `role` (its role tag), `order_id`, `side` (`buy` or
 * `sell`), `price` (price ticks, may be fractional), `qty` (lots), `fee` (tick-lots, negative =
 * rebate), `submitted_at`, `mid_before`, `mid_after` (venue mids in price ticks) and `counterparty`
 * (the other leg's agent).
 *
 * While the run appends, what a fill's two legs share (`t`, venue, market, batch, price, quantity,
 * mids) is stored once per fill and what follows from other columns (`fill_id`, `leg`, `role`,
 * `counterparty`) is not stored at all; {@link TradeLog.columns} spells every row out.
 */
export class TradeLog {
  /** Per fill: t, batch_id, price, qty, mid_before, mid_after | venue, market. */
  private readonly fillRows = new RowBlocks(6, 2);
  /** Per leg (maker, then taker): order_id, fee, submitted_at | agent, side, liquidity. */
  private readonly legRows = new RowBlocks(3, 3);

  /** @param roleOf - role of a participant id */
  constructor(private readonly roleOf: (agentId: string) => string) {}

  /** Number of fills appended. */
  get fills(): number {
    return this.fillRows.length;
  }

  /** Number of rows (fill legs). */
  get length(): number {
    return this.legRows.length;
  }

  /** Appends both legs of a fill; returns the fill id. */
  append(fill: Fill): number {
    const fills = this.fillRows;
    const id = fills.length;
    const r = fills.row();
    const n = fills.nums;
    const o = r * 6;
    n[o] = fill.t;
    n[o + 1] = fill.batchId;
    n[o + 2] = fill.price;
    n[o + 3] = fill.qty;
    n[o + 4] = fill.midBefore;
    n[o + 5] = fill.midAfter;
    const c = fills.codes;
    c[r * 2] = fills.code(0, fill.venue);
    c[r * 2 + 1] = fills.code(1, fill.market);
    this.pushLeg(fill.maker);
    this.pushLeg(fill.taker);
    return id;
  }

  private pushLeg(leg: FillLeg): void {
    const legs = this.legRows;
    const r = legs.row();
    const n = legs.nums;
    n[r * 3] = leg.orderId;
    n[r * 3 + 1] = leg.fee;
    n[r * 3 + 2] = leg.submittedAt;
    const c = legs.codes;
    c[r * 3] = legs.code(0, leg.agentId);
    c[r * 3 + 1] = legs.code(1, leg.side);
    c[r * 3 + 2] = legs.code(2, leg.liquidity);
  }

  /** The log as columns (numbers as `Float64Array`s, strings dictionary-coded; see {@link buildColumns}). */
  columns(): Columns {
    const fills = this.fillRows;
    const legs = this.legRows;
    const n = legs.length;
    const perFill = (col: number) => perLeg(fills.numberColumn(col), n);
    const perFillCodes = (col: number): DictionaryColumn => ({ codes: perLegCodes(fills.codeColumn(col), n), levels: fills.levels(col).slice() });
    const fillId = new Float64Array(n);
    for (let i = 0; i < n; i++) fillId[i] = i >> 1;
    const agent = legs.stringColumn(0);
    const roleByCode = agent.levels.map((id) => this.roleOf(id));
    const liquidity = legs.stringColumn(2);
    return buildColumns(
      TRADE_COLUMNS,
      {
        fill_id: fillId,
        t: perFill(0),
        batch_id: perFill(1),
        order_id: legs.numberColumn(0),
        price: perFill(2),
        qty: perFill(3),
        fee: legs.numberColumn(1),
        submitted_at: legs.numberColumn(2),
        mid_before: perFill(4),
        mid_after: perFill(5),
      },
      {
        leg: { codes: liquidity.codes.slice(), levels: liquidity.levels.slice() },
        venue: perFillCodes(0),
        market: perFillCodes(1),
        agent,
        role: relabel(agent.codes, roleByCode, 0),
        side: legs.stringColumn(1),
        liquidity,
        counterparty: relabel(agent.codes, agent.levels, 1),
      },
    );
  }
}

/** Kinds of order messages. */
export type OrderAction = 'limit' | 'market' | 'cancel';

const ORDER_COLUMNS = [
  't', 'arrived_at', 'agent', 'venue', 'market', 'order_id', 'action', 'side', 'price', 'qty', 'status', 'filled_qty',
  'remaining_qty', 'reason',
] as const;
const ORDER_NUMBERS = ['t', 'arrived_at', 'order_id', 'price', 'qty', 'filled_qty', 'remaining_qty'] as const;
const ORDER_STRINGS = ['agent', 'venue', 'market', 'action', 'side', 'status', 'reason'] as const;

/** The columns of rows stored as {@link RowBlocks}, numbers first, in `order`. */
function blockColumns(rows: RowBlocks, order: readonly string[], numbers: readonly string[], strings: readonly string[]): Columns {
  return buildColumns(
    order,
    Object.fromEntries(numbers.map((name, j) => [name, rows.numberColumn(j)])),
    Object.fromEntries(strings.map((name, j) => [name, rows.stringColumn(j)])),
  );
}

/**
 * The order log: one row per message a venue processed. Columns: `t` (tick sent), `arrived_at`
 * (tick it reached the venue), `agent`, `venue`, `market`, `order_id` (assigned by the router),
 * `action` (`limit`, `market` or `cancel`), `side` (`buy`/`sell`, empty for cancels), `price` (limit
 * price as sent, price ticks), `qty` (lots as sent), `status` (the venue's result), `filled_qty`
 * (lots filled immediately), `remaining_qty` (lots still open) and `reason` (reject code or empty).
 */
export class OrderLog {
  private readonly rows = new RowBlocks(7, 7);

  /** Appends one processed message. */
  append(
    sentAt: number,
    arrivedAt: number,
    agent: string,
    venue: string,
    market: string,
    action: OrderAction,
    side: string,
    price: number,
    qty: number,
    result: OrderResult,
  ): void {
    const rows = this.rows;
    const r = rows.row();
    const n = rows.nums;
    const o = r * 7;
    n[o] = sentAt;
    n[o + 1] = arrivedAt;
    n[o + 2] = result.orderId;
    n[o + 3] = price;
    n[o + 4] = qty;
    n[o + 5] = result.filledQty;
    n[o + 6] = result.remainingQty;
    const c = rows.codes;
    const p = r * 7;
    c[p] = rows.code(0, agent);
    c[p + 1] = rows.code(1, venue);
    c[p + 2] = rows.code(2, market);
    c[p + 3] = rows.code(3, action);
    c[p + 4] = rows.code(4, side);
    c[p + 5] = rows.code(5, result.status);
    c[p + 6] = rows.code(6, result.reason ?? '');
  }

  /** Number of rows. */
  get length(): number {
    return this.rows.length;
  }

  /** The log as columns (numbers as `Float64Array`s, strings dictionary-coded; see {@link buildColumns}). */
  columns(): Columns {
    return blockColumns(this.rows, ORDER_COLUMNS, ORDER_NUMBERS, ORDER_STRINGS);
  }
}

const MID_COLUMNS = ['t', 'venue', 'market', 'best_bid', 'best_ask', 'mid'] as const;

/**
 * Sampled venue mids. Columns: `t` (sample tick), `venue`, `market`, `best_bid`, `best_ask` (price
 * ticks, NaN when that side is empty) and `mid` (price ticks).
 */
export class MidLog {
  private readonly rows = new RowBlocks(4, 2);

  /** Appends one sample. */
  append(t: number, venue: string, market: string, bestBid: number, bestAsk: number, mid: number): void {
    const rows = this.rows;
    const r = rows.row();
    const n = rows.nums;
    const o = r * 4;
    n[o] = t;
    n[o + 1] = bestBid;
    n[o + 2] = bestAsk;
    n[o + 3] = mid;
    const c = rows.codes;
    c[r * 2] = rows.code(0, venue);
    c[r * 2 + 1] = rows.code(1, market);
  }

  /** Number of rows. */
  get length(): number {
    return this.rows.length;
  }

  /** The log as columns (numbers as `Float64Array`s, strings dictionary-coded; see {@link buildColumns}). */
  columns(): Columns {
    return blockColumns(this.rows, MID_COLUMNS, ['t', 'best_bid', 'best_ask', 'mid'], ['venue', 'market']);
  }
}

const TRUTH_COLUMNS = ['t', 'market', 'latent', 'fair'] as const;

/**
 * Sampled truth path. Columns: `t` (sample tick), `market`, `latent` (log price or log-odds) and
 * `fair` (fair value in price ticks).
 */
export class TruthLog {
  private readonly rows = new RowBlocks(3, 1);

  /** Appends one sample. */
  append(t: number, market: string, latent: number, fair: number): void {
    const rows = this.rows;
    const r = rows.row();
    const n = rows.nums;
    const o = r * 3;
    n[o] = t;
    n[o + 1] = latent;
    n[o + 2] = fair;
    rows.codes[r] = rows.code(0, market);
  }

  /** Number of rows. */
  get length(): number {
    return this.rows.length;
  }

  /** The log as columns (numbers as `Float64Array`s, strings dictionary-coded; see {@link buildColumns}). */
  columns(): Columns {
    return blockColumns(this.rows, TRUTH_COLUMNS, ['t', 'latent', 'fair'], ['market']);
  }
}

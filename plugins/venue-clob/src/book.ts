/**
 * A price-time priority limit order book for one market: per side a sorted array of price levels
 * (best level last, so updates at the touch are O(1)), a FIFO doubly linked queue of orders per
 * level. Prices are integer price ticks, quantities whole lots. The id index lives in the venue.
 * @module
 */

/** Side code of a resting order: 0 for a bid (buy), 1 for an ask (sell). */
export type SideCode = 0 | 1;

/**
 * A resting order: a node of its level's FIFO queue. Fields are plain (declared, then assigned in
 * the constructor) so every order has one shape and is built with simple stores.
 */
export class BookOrder {
  /** Order id. */
  declare readonly id: number;
  /** Owner agent id. */
  declare readonly agentId: string;
  /** 0 bid, 1 ask. */
  declare readonly side: SideCode;
  /** Limit price in price ticks. */
  declare readonly price: number;
  /** Lots still resting. */
  declare qty: number;
  /** Tick at which the owner sent the order. */
  declare readonly submittedAt: number;
  /** The level the order rests on. */
  declare level: Level;
  /** The book the order rests in. */
  declare readonly book: OrderBook;
  /** Previous order in the level's queue (earlier in time), or null at the head. */
  declare prev: BookOrder | null;
  /** Next order in the level's queue (later in time), or null at the tail. */
  declare next: BookOrder | null;

  /**
   * @param id - order id
   * @param agentId - owner agent id
   * @param side - 0 bid, 1 ask
   * @param price - limit price in price ticks
   * @param qty - lots resting
   * @param submittedAt - tick at which the owner sent the order
   * @param level - the level the order rests on
   * @param book - the book the order rests in
   */
  constructor(id: number, agentId: string, side: SideCode, price: number, qty: number, submittedAt: number, level: Level, book: OrderBook) {
    this.id = id;
    this.agentId = agentId;
    this.side = side;
    this.price = price;
    this.qty = qty;
    this.submittedAt = submittedAt;
    this.level = level;
    this.book = book;
    this.prev = null;
    this.next = null;
  }
}

/** A price level: the FIFO queue of orders resting at one price. */
export class Level {
  /** The level's price in price ticks. */
  declare readonly price: number;
  /** Total lots resting at this price. */
  declare qty: number;
  /** Oldest order (first to fill). */
  declare head: BookOrder | null;
  /** Newest order. */
  declare tail: BookOrder | null;

  /** @param price - the level's price in price ticks */
  constructor(price: number) {
    this.price = price;
    this.qty = 0;
    this.head = null;
    this.tail = null;
  }
}

/** How many levels to scan linearly from the touch before falling back to binary search. */
const LINEAR_SCAN = 8;

/** One side of a book: levels sorted worst..best, so the best level is `levels[levels.length - 1]`. */
export class BookSide {
  /** Levels sorted worst..best (ascending prices for bids, descending for asks). */
  readonly levels: Level[] = [];
  /** +1 for bids (higher is better), -1 for asks (lower is better). */
  private readonly dir: number;

  /** @param isBid - true for the bid side */
  constructor(readonly isBid: boolean) {
    this.dir = isBid ? 1 : -1;
  }

  /** The best level, or null when the side is empty. */
  best(): Level | null {
    const n = this.levels.length;
    return n > 0 ? this.levels[n - 1]! : null;
  }

  /**
   * Position of `price`: the index of its level if it exists, otherwise the index at which a new
   * level would be inserted, encoded as `-(index + 1)`.
   */
  private locate(price: number): number {
    const levels = this.levels;
    const dir = this.dir;
    const n = levels.length;
    // Near the touch first: most activity is there.
    const stop = n > LINEAR_SCAN ? n - LINEAR_SCAN : 0;
    let i = n - 1;
    for (; i >= stop; i--) {
      const d = (levels[i]!.price - price) * dir; // > 0 when level i is better than price
      if (d === 0) return i;
      if (d < 0) return -(i + 2);
    }
    if (stop === 0) return -1;
    // Binary search over [0, stop): levels are worse-to-better along the array.
    let lo = 0;
    let hi = stop - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = (levels[mid]!.price - price) * dir;
      if (d === 0) return mid;
      if (d < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -(lo + 1);
  }

  /** The level at `price`, or null. */
  levelAt(price: number): Level | null {
    const i = this.locate(price);
    return i >= 0 ? this.levels[i]! : null;
  }

  /** The level at `price`, created (and inserted in order) when missing. */
  getOrCreate(price: number): Level {
    const i = this.locate(price);
    if (i >= 0) return this.levels[i]!;
    const at = -i - 1;
    const lvl = new Level(price);
    if (at === this.levels.length) this.levels.push(lvl);
    else this.levels.splice(at, 0, lvl);
    return lvl;
  }

  /** Removes an (empty) level. */
  removeLevel(lvl: Level): void {
    const levels = this.levels;
    const n = levels.length;
    if (n > 0 && levels[n - 1] === lvl) {
      levels.pop();
      return;
    }
    const i = this.locate(lvl.price);
    if (i >= 0) levels.splice(i, 1);
  }

  /** Number of price levels. */
  get depth(): number {
    return this.levels.length;
  }

  /** Total lots resting on this side. */
  totalQty(): number {
    let q = 0;
    for (const l of this.levels) q += l.qty;
    return q;
  }
}

/** The book of one market. */
export class OrderBook {
  /** Bid side. */
  readonly bids = new BookSide(true);
  /** Ask side. */
  readonly asks = new BookSide(false);
  /** Last trade price in price ticks (NaN before the first trade). */
  last = NaN;

  /** @param market - market id */
  constructor(readonly market: string) {}

  /** The side with code `s`. */
  side(s: SideCode): BookSide {
    return s === 0 ? this.bids : this.asks;
  }

  /** Best bid in price ticks, NaN when there is none. */
  bestBid(): number {
    const l = this.bids.best();
    return l ? l.price : NaN;
  }

  /** Best ask in price ticks, NaN when there is none. */
  bestAsk(): number {
    const l = this.asks.best();
    return l ? l.price : NaN;
  }

  /** Best bid/ask midpoint in price ticks, NaN unless both sides are present. */
  mid(): number {
    const b = this.bids.levels;
    const a = this.asks.levels;
    const nb = b.length;
    const na = a.length;
    return nb > 0 && na > 0 ? (b[nb - 1]!.price + a[na - 1]!.price) / 2 : NaN;
  }

  /** Creates an order and appends it at the back of its level's queue. */
  add(id: number, agentId: string, side: SideCode, price: number, qty: number, submittedAt: number): BookOrder {
    const lvl = this.side(side).getOrCreate(price);
    const order = new BookOrder(id, agentId, side, price, qty, submittedAt, lvl, this);
    const tail = lvl.tail;
    order.prev = tail;
    if (tail !== null) tail.next = order;
    else lvl.head = order;
    lvl.tail = order;
    lvl.qty += qty;
    return order;
  }

  /** Unlinks an order from its level (cancel or complete fill), dropping the level when it empties. */
  remove(order: BookOrder): void {
    const lvl = order.level;
    const prev = order.prev;
    const next = order.next;
    if (prev !== null) prev.next = next;
    else lvl.head = next;
    if (next !== null) next.prev = prev;
    else lvl.tail = prev;
    order.prev = null;
    order.next = null;
    lvl.qty -= order.qty;
    if (lvl.head === null) this.side(order.side).removeLevel(lvl);
  }
}

/**
 * A price-time priority limit order book for one market: sorted price levels, a FIFO doubly linked
 * queue per level, and an id index for O(1) cancels. Prices are integer ticks, quantities lots.
 * @module
 */

/** A resting order. */
export interface BookOrder {
  id: number;
  agentId: string;
  side: 0 | 1; // 0 bid, 1 ask
  price: number;
  qty: number;
  submittedAt: number;
  prev: BookOrder | null;
  next: BookOrder | null;
  level: Level;
}

/** A price level: FIFO queue of orders at one price. */
export interface Level {
  price: number;
  qty: number;
  head: BookOrder | null;
  tail: BookOrder | null;
}

/** One side of the book: levels sorted so that the best level is last (cheap updates at the touch). */
class BookSide {
  /** Prices sorted worst..best; best is `prices[prices.length - 1]`. */
  readonly prices: number[] = [];
  readonly levels: Level[] = [];
  private readonly byPrice = new Map<number, Level>();

  constructor(private readonly isBid: boolean) {}

  /** True if price a is better than b for this side. */
  better(a: number, b: number): boolean {
    return this.isBid ? a > b : a < b;
  }

  best(): Level | null {
    const n = this.levels.length;
    return n > 0 ? this.levels[n - 1]! : null;
  }

  levelAt(price: number): Level | undefined {
    return this.byPrice.get(price);
  }

  getOrCreate(price: number): Level {
    let lvl = this.byPrice.get(price);
    if (lvl) return lvl;
    lvl = { price, qty: 0, head: null, tail: null };
    this.byPrice.set(price, lvl);
    // Find insertion point scanning from the best end (new orders cluster near the touch).
    const prices = this.prices;
    let i = prices.length;
    while (i > 0 && this.better(prices[i - 1]!, price)) i--;
    if (i === prices.length) {
      prices.push(price);
      this.levels.push(lvl);
    } else {
      prices.splice(i, 0, price);
      this.levels.splice(i, 0, lvl);
    }
    return lvl;
  }

  remove(lvl: Level): void {
    this.byPrice.delete(lvl.price);
    const prices = this.prices;
    const n = prices.length;
    if (n > 0 && prices[n - 1] === lvl.price) {
      prices.pop();
      this.levels.pop();
      return;
    }
    // Binary search: prices are monotone (ascending for bids, descending for asks).
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = prices[mid]!;
      if (p === lvl.price) {
        prices.splice(mid, 1);
        this.levels.splice(mid, 1);
        return;
      }
      if (this.better(lvl.price, p)) lo = mid + 1;
      else hi = mid - 1;
    }
  }

  get depth(): number {
    return this.levels.length;
  }
}

/** The book of one market. */
export class OrderBook {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  readonly orders = new Map<number, BookOrder>();

  side(s: 0 | 1): BookSide {
    return s === 0 ? this.bids : this.asks;
  }

  bestBid(): number {
    const l = this.bids.best();
    return l ? l.price : NaN;
  }

  bestAsk(): number {
    const l = this.asks.best();
    return l ? l.price : NaN;
  }

  mid(): number {
    const b = this.bids.best();
    const a = this.asks.best();
    return b && a ? (b.price + a.price) / 2 : NaN;
  }

  /** Appends an order at the back of its level's queue. */
  add(o: Omit<BookOrder, 'prev' | 'next' | 'level'>): BookOrder {
    const lvl = this.side(o.side).getOrCreate(o.price);
    const order = o as BookOrder;
    order.prev = lvl.tail;
    order.next = null;
    order.level = lvl;
    if (lvl.tail) lvl.tail.next = order;
    else lvl.head = order;
    lvl.tail = order;
    lvl.qty += order.qty;
    this.orders.set(order.id, order);
    return order;
  }

  /** Removes an order from the book (cancel or complete fill). */
  remove(order: BookOrder): void {
    const lvl = order.level;
    if (order.prev) order.prev.next = order.next;
    else lvl.head = order.next;
    if (order.next) order.next.prev = order.prev;
    else lvl.tail = order.prev;
    lvl.qty -= order.qty;
    this.orders.delete(order.id);
    if (lvl.head === null) this.side(order.side).remove(lvl);
  }

  /** Reduces a resting order by `q` lots (partial fill), removing it when exhausted. */
  reduce(order: BookOrder, q: number): void {
    if (q >= order.qty) {
      this.remove(order);
      order.qty = 0;
      return;
    }
    order.qty -= q;
    order.level.qty -= q;
  }
}

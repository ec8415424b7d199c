/**
 * Order diffing: from the live own quotes and the desired quote set to cancels and new quotes.
 * @module
 */
import type { Side } from '@venuelab/kernel';

/** A live own quote as the diff sees it. */
export interface LiveQuote {
  /** Order id. */
  id: number;
  /** Market id. */
  market: string;
  /** Side. */
  side: Side;
  /** Limit price on the grid. */
  price: number;
  /** Lots still open. */
  remaining: number;
}

/** A desired quote on the grid. */
export interface WantedQuote {
  /** Market id. */
  market: string;
  /** Side. */
  side: Side;
  /** Limit price on the grid. */
  price: number;
  /** Lots. */
  qty: number;
}

/** Result of {@link diffQuotes}. */
export interface QuoteDiff {
  /** Ids of live quotes to cancel. */
  cancel: number[];
  /** Quotes to send. */
  place: WantedQuote[];
  /** Ids of live quotes kept as they are. */
  keep: number[];
}

const keyOf = (market: string, side: Side, price: number) => `${market}\u0000${side}\u0000${price}`;

/**
 * Cancel-replace diff. For each (market, side, price) the live lots are kept while they do not
 * exceed the wanted lots (oldest first, so queue priority is kept); live quotes beyond that are
 * cancelled, and the wanted lots not covered by kept quotes are sent as one new quote. A quote
 * whose size changed at the same price is therefore cancelled only if it is larger than wanted.
 */
export function diffQuotes(live: readonly LiveQuote[], wanted: readonly WantedQuote[]): QuoteDiff {
  const want = new Map<string, WantedQuote>();
  for (const w of wanted) {
    if (!(w.qty > 0)) continue;
    const k = keyOf(w.market, w.side, w.price);
    const prev = want.get(k);
    want.set(k, prev ? { ...prev, qty: prev.qty + w.qty } : { ...w });
  }
  const covered = new Map<string, number>();
  const out: QuoteDiff = { cancel: [], place: [], keep: [] };
  const sorted = [...live].sort((a, b) => a.id - b.id);
  for (const o of sorted) {
    const k = keyOf(o.market, o.side, o.price);
    const w = want.get(k);
    const c = covered.get(k) ?? 0;
    if (w && c + o.remaining <= w.qty) {
      covered.set(k, c + o.remaining);
      out.keep.push(o.id);
    } else out.cancel.push(o.id);
  }
  for (const [k, w] of want) {
    const rest = w.qty - (covered.get(k) ?? 0);
    if (rest > 0) out.place.push({ ...w, qty: rest });
  }
  return out;
}

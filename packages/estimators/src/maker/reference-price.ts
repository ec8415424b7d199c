/**
 * The book without the agent's own orders, and the reference price a maker quotes around.
 * @module
 */
import { venueTraits, type BookLevel, type Side, type VenueCapabilities, type VenueState } from '@venuelab/kernel';

/** A venue book with the agent's own quantities taken out. */
export interface ExOwnBook {
  /** Bid levels best first, own lots removed, empty levels dropped. */
  bids: BookLevel[];
  /** Ask levels best first, own lots removed, empty levels dropped. */
  asks: BookLevel[];
  /** Best bid of others (NaN if none visible). */
  bestBid: number;
  /** Best ask of others (NaN if none visible). */
  bestAsk: number;
  /** Lots at the best bid of others. */
  bidQty: number;
  /** Lots at the best ask of others. */
  askQty: number;
}

function strip(levels: readonly BookLevel[], side: Side, own: (side: Side, price: number) => number): BookLevel[] {
  const out: BookLevel[] = [];
  for (const l of levels) {
    const q = l.qty - own(side, l.price);
    if (q > 0) out.push({ price: l.price, qty: q });
  }
  return out;
}

/**
 * Removes the agent's own lots from the visible levels (`own(side, price)` = own lots there). Own
 * lots the agent does not yet know are filled are still subtracted, so the result never shows
 * more of others' liquidity than there is.
 */
export function subtractOwn(state: VenueState, own: (side: Side, price: number) => number): ExOwnBook {
  const bids = strip(state.bids, 'buy', own);
  const asks = strip(state.asks, 'sell', own);
  return {
    bids,
    asks,
    bestBid: bids.length > 0 ? bids[0]!.price : NaN,
    bestAsk: asks.length > 0 ? asks[0]!.price : NaN,
    bidQty: bids.length > 0 ? bids[0]!.qty : 0,
    askQty: asks.length > 0 ? asks[0]!.qty : 0,
  };
}

/**
 * The reference price `s` a maker quotes around, without venue-specific branches:
 * 1. a venue that publishes its own mid (capability `mechanism: 'intensity'`, whose mid is
 *    exogenous, or any venue whose `mid` is finite and differs from its touch midpoint) -> that mid;
 * 2. else the midpoint of others' best bid and ask (own quotes never move the maker's own reference);
 * 3. else the last trade price, or the previous reference, or `fallback` (the opening mid), pulled
 *    inside others' one-sided touch when there is one.
 */
export function referencePrice(caps: VenueCapabilities, state: VenueState, book: ExOwnBook, previous: number, fallback: number): number {
  const touch = (state.bestBid + state.bestAsk) / 2;
  if (Number.isFinite(state.mid) && (venueTraits(caps).exogenousMid || !(state.mid === touch))) return state.mid;
  if (Number.isFinite(book.bestBid) && Number.isFinite(book.bestAsk)) return (book.bestBid + book.bestAsk) / 2;
  let s = Number.isFinite(state.last) ? state.last : Number.isFinite(previous) ? previous : fallback;
  if (Number.isFinite(book.bestBid) && s < book.bestBid) s = book.bestBid;
  if (Number.isFinite(book.bestAsk) && s > book.bestAsk) s = book.bestAsk;
  return s;
}

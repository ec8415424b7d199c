/**
 * Orders, results and fills: the data that crosses the venue contract.
 * @module
 */

/** Order side. */
export type Side = 'buy' | 'sell';

/** Order identifier. Assigned by the kernel's order router when the order is sent, so the sender knows it at once. */
export type OrderId = number;

/** +1 for a buy, -1 for a sell. */
export function sideSign(side: Side): 1 | -1 {
  return side === 'buy' ? 1 : -1;
}

/** The opposite side. */
export function oppositeSide(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

/** A limit order as it reaches a venue. */
export interface LimitOrderRequest {
  /** Kernel-assigned order id, unique within a run. */
  orderId: OrderId;
  /** Owner agent id. */
  agentId: string;
  /** Market id. */
  market: string;
  /** Side. */
  side: Side;
  /** Limit price in price ticks (must be an integer on the venue's grid). */
  price: number;
  /** Quantity in whole lots (> 0). */
  qty: number;
  /** Tick at which the agent sent the order (before order latency). */
  submittedAt: number;
  /** Post-only: a venue that honours it (see `VenueCapabilities.postOnly`) rejects the order with `VL_REJECT_POST_ONLY` instead of letting it take liquidity on arrival. */
  postOnly?: boolean;
}

/** A market order as it reaches a venue: executes against available liquidity, the remainder is cancelled (IOC) or, on a batch venue, expires after one batch. */
export interface MarketOrderRequest {
  /** Kernel-assigned order id. */
  orderId: OrderId;
  /** Owner agent id. */
  agentId: string;
  /** Market id. */
  market: string;
  /** Side. */
  side: Side;
  /** Quantity in whole lots (> 0). */
  qty: number;
  /** Tick at which the agent sent the order. */
  submittedAt: number;
}

/** A cancel request as it reaches a venue. */
export interface CancelRequest {
  /** The order to cancel. */
  orderId: OrderId;
  /** The agent asking; a venue must refuse to cancel another agent's order. */
  agentId: string;
  /** Tick at which the agent sent the cancel. */
  submittedAt: number;
}

/** Status of an order after a venue processed a message about it. */
export type OrderStatus =
  | 'filled'
  | 'partial'
  | 'resting'
  | 'pending'
  | 'cancelled'
  | 'expired'
  | 'rejected';

/** Coded reasons for rejecting an order or cancel. A rejected message changes nothing in the venue. */
export const RejectReason = {
  /** Quantity not a positive whole number of lots. */
  BadQuantity: 'VL_REJECT_QTY',
  /** Price NaN, infinite or not positive where it must be. */
  BadPrice: 'VL_REJECT_PRICE',
  /** Price not on the tick grid. */
  OffTick: 'VL_REJECT_TICK',
  /** The venue does not trade this market. */
  UnknownMarket: 'VL_REJECT_MARKET',
  /** Cancel of an id the venue does not know or that is no longer live. */
  UnknownOrder: 'VL_REJECT_UNKNOWN_ORDER',
  /** Cancel of an order that belongs to another agent. */
  ForeignOrder: 'VL_REJECT_FOREIGN_ORDER',
  /** An order id that was already used. */
  DuplicateId: 'VL_REJECT_DUPLICATE_ID',
  /** Self-trade prevention cancelled the incoming order. */
  SelfTrade: 'VL_REJECT_SELF_TRADE',
  /** The venue does not accept this order type. */
  Unsupported: 'VL_REJECT_UNSUPPORTED',
  /** The venue cannot take the order (e.g. an AMM trade beyond its liquidity). */
  NoLiquidity: 'VL_REJECT_NO_LIQUIDITY',
  /** A post-only order would have taken liquidity on arrival. */
  PostOnly: 'VL_REJECT_POST_ONLY',
  /** The venue refused the order under a resting-order guardrail. */
  Guardrail: 'VL_REJECT_GUARDRAIL',
} as const;

/** One of the {@link RejectReason} codes. */
export type RejectReasonCode = (typeof RejectReason)[keyof typeof RejectReason];

/** What a venue answers to a submission or cancel. */
export interface OrderResult {
  /** The order id the message concerned. */
  orderId: OrderId;
  /** Status after the message was processed. */
  status: OrderStatus;
  /** Lots filled by this message (0 for pending batch submissions and cancels). */
  filledQty: number;
  /** Lots still live (resting or pending) after this message. */
  remainingQty: number;
  /** Coded reason when status is `rejected`. */
  reason?: RejectReasonCode;
}

/** Which side of a fill provided liquidity. */
export type Liquidity = 'maker' | 'taker';

/** One leg of a fill: one participant's view. */
export interface FillLeg {
  /** Agent (or pool) id. */
  agentId: string;
  /** The order id of this leg (-1 for a pool that has no order). */
  orderId: OrderId;
  /** The side this participant traded. */
  side: Side;
  /** Fee paid by this leg, in tick-lots (negative for a rebate). */
  fee: number;
  /** `maker` for the resting / limit leg, `taker` for the market / marketable leg. */
  liquidity: Liquidity;
  /** Tick at which this leg's order was sent by its agent. */
  submittedAt: number;
}

/** A fill (an execution between two legs). Quantities and price are the same for both legs. */
export interface Fill {
  /** Venue id. */
  venue: string;
  /** Market id. */
  market: string;
  /** Tick at which the fill happened. */
  t: number;
  /** Execution price in price ticks (may be fractional for batch midpoints and pools). */
  price: number;
  /** Quantity in lots. */
  qty: number;
  /** Resting / limit leg. */
  maker: FillLeg;
  /** Incoming / market leg. */
  taker: FillLeg;
  /** Venue mid (price ticks) just before the event that produced the fill; NaN if none. For a batch, the same for every fill of the batch. */
  midBefore: number;
  /** Venue mid just after the event that produced the fill; NaN if none. For a batch, the same for every fill of the batch. */
  midAfter: number;
  /** Batch id for batching venues; -1 otherwise. */
  batchId: number;
}

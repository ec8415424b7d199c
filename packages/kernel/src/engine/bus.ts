/**
 * The run's event bus: one typed map of past-tense dotted event names.
 * Events are emitted only when someone listens, so an unobserved bus costs nothing in the hot loop.
 * @module
 */
import { EventEmitter } from 'eventemitter3';
import type { Fill, OrderResult } from '../contracts/orders.js';

/** Payload of `batch.cleared`. */
export interface BatchClearedEvent {
  /** Venue id. */
  venue: string;
  /** Market id. */
  market: string;
  /** Batch id. */
  batchId: number;
  /** Tick of the clear. */
  t: number;
  /** Uniform batch price in ticks (NaN when nothing crossed). */
  price: number;
  /** Lots traded. */
  volume: number;
}

/** Payload of order events. */
export interface OrderEvent {
  /** Venue id. */
  venue: string;
  /** Agent id. */
  agentId: string;
  /** Tick the venue processed the message. */
  t: number;
  /** What the venue answered. */
  result: OrderResult;
}

/** The typed event map of the bus. */
export interface BusEvents {
  /** The run entered its `run` phase. */
  'run.started': [
    info: {
      /** Run id. */ runId: string;
      /** Root seed. */ seed: number;
      /** Duration in ticks. */ duration: number;
    },
  ];
  /** The run finished its `run` phase. */
  'run.stopped': [
    info: {
      /** Run id. */ runId: string;
      /** Tick the run stopped at. */ t: number;
      /** Scheduler events dispatched. */ events: number;
    },
  ];
  /** A venue accepted an order (resting, pending or (partially) filled). */
  'order.accepted': [event: OrderEvent];
  /** A venue rejected a message. */
  'order.rejected': [event: OrderEvent];
  /** A venue cancelled an order on request. */
  'order.cancelled': [event: OrderEvent];
  /** A fill was drained from a venue into the trade log. */
  'fill.executed': [fill: Fill];
  /** A batch venue ran a clearing call. */
  'batch.cleared': [event: BatchClearedEvent];
  /** Simulated time advanced past a progress checkpoint. */
  'progress.reported': [
    info: {
      /** Current tick. */ t: number;
      /** Duration in ticks. */ duration: number;
      /** Scheduler events dispatched so far. */ events: number;
    },
  ];
}

/** The run's bus. */
export class RunBus extends EventEmitter<BusEvents> {
  /** True if anyone listens to `event`. */
  has(event: keyof BusEvents): boolean {
    return this.listenerCount(event) > 0;
  }
}

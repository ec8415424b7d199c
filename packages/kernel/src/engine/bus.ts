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

type Name = EventEmitter.EventNames<BusEvents>;
type Listener<T extends Name> = EventEmitter.EventListener<BusEvents, T>;

/**
 * The run's bus. {@link RunBus.has} is answered from a small cache that every listener change
 * clears, so the hot loop can ask it on every order without a lookup in the emitter.
 */
export class RunBus extends EventEmitter<BusEvents> {
  private listening: Partial<Record<keyof BusEvents, boolean>> = {};

  /** True if anyone listens to `event`. */
  has(event: keyof BusEvents): boolean {
    const v = this.listening[event];
    return v !== undefined ? v : (this.listening[event] = this.listenerCount(event) > 0);
  }

  private changed(): void {
    this.listening = {};
  }

  /** Adds a listener (see eventemitter3). */
  override on<T extends Name>(event: T, fn: Listener<T>, context?: unknown): this {
    this.changed();
    return super.on(event, fn, context);
  }

  /** Adds a listener (alias of {@link RunBus.on}). */
  override addListener<T extends Name>(event: T, fn: Listener<T>, context?: unknown): this {
    this.changed();
    return super.addListener(event, fn, context);
  }

  /** Adds a listener called once. */
  override once<T extends Name>(event: T, fn: Listener<T>, context?: unknown): this {
    this.changed();
    return super.once(event, fn, context);
  }

  /** Removes listeners of an event (all of them when `fn` is omitted). */
  override removeListener<T extends Name>(event: T, fn?: Listener<T>, context?: unknown, once?: boolean): this {
    this.changed();
    return super.removeListener(event, fn, context, once);
  }

  /** Removes listeners (alias of {@link RunBus.removeListener}). */
  override off<T extends Name>(event: T, fn?: Listener<T>, context?: unknown, once?: boolean): this {
    this.changed();
    return super.off(event, fn, context, once);
  }

  /** Removes every listener, or those of one event. */
  override removeAllListeners(event?: Name): this {
    this.changed();
    return super.removeAllListeners(event);
  }
}

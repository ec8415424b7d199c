/**
 * The event scheduler: a priority queue keyed by `(time, priority, tie, sequence)` with lazy
 * cancellation, stored in typed arrays (no per-event allocation once warm).
 *
 * Tie policy at equal `(time, priority)`:
 * - `fifo`: insertion order;
 * - `shuffle`: a seeded random key drawn when the event is scheduled, then insertion order.
 * Both are deterministic for a given seed; `shuffle` keeps registration order from leaking into results.
 * @module
 */
import { ErrorCode, VenuelabError } from '../errors.js';
import type { RandomStream } from './rng.js';

/** Identifier of a scheduled event, for cancellation. */
export type EventId = number;

/** Receives dispatched events. One object may receive many kinds of events (no per-event closures). */
export interface EventTarget {
  /** Handles one event at simulated tick `t`. */
  handleEvent(kind: number, arg: number, payload: unknown, t: number): void;
}

/** How events at equal `(time, priority)` are ordered. */
export type TiePolicy = 'fifo' | 'shuffle';

/** Well-known priorities: lower runs first within a tick. */
export const Priority = {
  /** The venue clock (`venue.tick(t)`). */
  Clock: -50,
  /** Signal rounds and truth-driven events that agents may react to within the tick. */
  World: -20,
  /** Agent wakes, order arrivals and notifications. */
  Agent: 0,
} as const;

const SLOT_BITS = 24;
const SLOT_CAP = 2 ** SLOT_BITS;
const PRIORITY_OFFSET = 2 ** 15;
const TIE_SPAN = 2 ** 32;

/** Options of a {@link Scheduler}. */
export interface SchedulerOptions {
  /** Tie policy (default `fifo`). */
  tiePolicy?: TiePolicy;
  /** The seeded stream that draws shuffle keys; required for `shuffle`. */
  tieStream?: RandomStream;
  /** Initial number of event slots (grows as needed). */
  initialCapacity?: number;
}

/** Discrete-event scheduler over integer (or real) simulated time. */
export class Scheduler {
  /** Current simulated time: the time of the event being (or last) dispatched. */
  now = 0;
  /** Events dispatched so far. */
  dispatched = 0;

  private readonly tiePolicy: TiePolicy;
  private readonly tieStream: RandomStream | undefined;
  private cap: number;
  private times: Float64Array;
  private keys: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private args: Float64Array;
  private gens: Int32Array;
  private targets: (EventTarget | null)[];
  private payloads: unknown[];
  private heap: Int32Array;
  private heapSize = 0;
  private free: Int32Array;
  private freeTop = 0;
  private nextFresh = 0;
  private seq = 0;
  private live = 0;

  /** @param options - tie policy, tie stream and initial capacity */
  constructor(options: SchedulerOptions = {}) {
    this.tiePolicy = options.tiePolicy ?? 'fifo';
    this.tieStream = options.tieStream;
    if (this.tiePolicy === 'shuffle' && !this.tieStream) {
      throw new VenuelabError(ErrorCode.Config, 'tie policy "shuffle" needs a seeded tie stream');
    }
    const cap = Math.max(16, options.initialCapacity ?? 1024);
    this.cap = cap;
    this.times = new Float64Array(cap);
    this.keys = new Float64Array(cap);
    this.seqs = new Float64Array(cap);
    this.kinds = new Int32Array(cap);
    this.args = new Float64Array(cap);
    this.gens = new Int32Array(cap);
    this.targets = new Array(cap).fill(null);
    this.payloads = new Array(cap).fill(undefined);
    this.heap = new Int32Array(cap);
    this.free = new Int32Array(cap);
  }

  /** Number of live (scheduled, not cancelled, not yet dispatched) events. */
  get size(): number {
    return this.live;
  }

  /**
   * Schedules an event.
   * @param time - simulated time; must not be earlier than `now`
   * @param priority - lower runs first at equal time (integer in [-32768, 32767])
   * @param target - receiver of the event
   * @param kind - small integer the target uses to tell events apart
   * @param arg - a number passed through
   * @param payload - any object passed through (avoid allocating one per event in hot paths)
   * @returns the id to cancel the event with
   */
  schedule(time: number, priority: number, target: EventTarget, kind = 0, arg = 0, payload?: unknown): EventId {
    if (!(time >= this.now)) {
      throw new VenuelabError(ErrorCode.Lifecycle, `cannot schedule at t=${time}: simulated time is already ${this.now}`);
    }
    let slot: number;
    if (this.freeTop > 0) slot = this.free[--this.freeTop]!;
    else {
      if (this.nextFresh === this.cap) this.grow();
      slot = this.nextFresh++;
    }
    const tie = this.tiePolicy === 'shuffle' ? Math.floor(this.tieStream!.next() * TIE_SPAN) : 0;
    this.times[slot] = time;
    this.keys[slot] = (priority + PRIORITY_OFFSET) * TIE_SPAN + tie;
    this.seqs[slot] = this.seq++;
    this.kinds[slot] = kind;
    this.args[slot] = arg;
    this.targets[slot] = target;
    this.payloads[slot] = payload;
    this.live++;
    this.siftUp(this.heapSize++, slot);
    return this.gens[slot]! * SLOT_CAP + slot;
  }

  /** Cancels a scheduled event. Returns true if it was still pending. */
  cancel(id: EventId): boolean {
    const slot = id % SLOT_CAP;
    const gen = Math.floor(id / SLOT_CAP);
    if (slot >= this.nextFresh || this.gens[slot] !== gen || this.targets[slot] === null) return false;
    this.targets[slot] = null;
    this.payloads[slot] = undefined;
    this.live--;
    return true;
  }

  /** Time of the next live event, or `Infinity` if none. */
  peekTime(): number {
    this.dropCancelledHead();
    return this.heapSize > 0 ? this.times[this.heap[0]!]! : Infinity;
  }

  /**
   * Dispatches the next live event whose time is `<= until`.
   * @returns false when there is no such event
   */
  step(until = Infinity): boolean {
    this.dropCancelledHead();
    if (this.heapSize === 0) return false;
    const slot = this.heap[0]!;
    const t = this.times[slot]!;
    if (t > until) return false;
    this.popHead();
    const target = this.targets[slot]!;
    const payload = this.payloads[slot];
    const kind = this.kinds[slot]!;
    const arg = this.args[slot]!;
    this.release(slot);
    this.live--;
    this.now = t;
    this.dispatched++;
    target.handleEvent(kind, arg, payload, t);
    return true;
  }

  /** Dispatches every event up to `until` (inclusive); returns the number dispatched. */
  runUntil(until: number): number {
    const before = this.dispatched;
    while (this.step(until)) {
      /* keep going */
    }
    return this.dispatched - before;
  }

  private release(slot: number): void {
    this.targets[slot] = null;
    this.payloads[slot] = undefined;
    this.gens[slot] = (this.gens[slot]! + 1) & 0x1fffffff;
    this.free[this.freeTop++] = slot;
  }

  private dropCancelledHead(): void {
    while (this.heapSize > 0) {
      const slot = this.heap[0]!;
      if (this.targets[slot] !== null) return;
      this.popHead();
      this.gens[slot] = (this.gens[slot]! + 1) & 0x1fffffff;
      this.free[this.freeTop++] = slot;
    }
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a]!;
    const tb = this.times[b]!;
    if (ta !== tb) return ta < tb;
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    if (ka !== kb) return ka < kb;
    return this.seqs[a]! < this.seqs[b]!;
  }

  private siftUp(pos: number, slot: number): void {
    const heap = this.heap;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const p = heap[parent]!;
      if (!this.less(slot, p)) break;
      heap[pos] = p;
      pos = parent;
    }
    heap[pos] = slot;
  }

  private popHead(): void {
    const heap = this.heap;
    const n = --this.heapSize;
    if (n === 0) return;
    const last = heap[n]!;
    let pos = 0;
    for (;;) {
      const l = 2 * pos + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(heap[r]!, heap[l]!)) c = r;
      const child = heap[c]!;
      if (!this.less(child, last)) break;
      heap[pos] = child;
      pos = c;
    }
    heap[pos] = last;
  }

  private grow(): void {
    const cap = this.cap * 2;
    if (cap > SLOT_CAP) {
      throw new VenuelabError(ErrorCode.Guardrail, `more than ${SLOT_CAP} events pending at once`);
    }
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.times = f64(this.times);
    this.keys = f64(this.keys);
    this.seqs = f64(this.seqs);
    this.args = f64(this.args);
    this.kinds = i32(this.kinds);
    this.gens = i32(this.gens);
    this.heap = i32(this.heap);
    this.free = i32(this.free);
    for (let i = this.cap; i < cap; i++) {
      this.targets.push(null);
      this.payloads.push(undefined);
    }
    this.cap = cap;
  }
}

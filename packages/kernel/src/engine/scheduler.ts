/**
 * The event scheduler: a priority queue keyed by `(time, priority, tie)` with lazy cancellation,
 * stored in typed arrays (no per-event allocation once warm).
 *
 * Simulated time is whole ticks (a fractional time is rounded up). The queue is a two-level timing
 * wheel: a near ring with one bucket per tick of the current block of 4,096 ticks, a far ring with
 * one unsorted bucket per block for the next 4,095 blocks (distributed into the near ring when the
 * clock reaches the block), a small heap ordering the events of the tick being run by
 * `(priority, tie)`, and an overflow heap for events beyond the far ring. Insertion is O(1) and
 * running an event is amortised O(log k) for k events in the same tick.
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
/** The order key is `(priority + 2^15) * 2^37 + tie`: below 2^53, so exact in a double. */
const TIE_SPAN = 2 ** 37;
const RING = 4096;
const WORDS = RING >> 5;
const FAR = 4096;
const FAR_WORDS = FAR >> 5;

/** Options of a {@link Scheduler}. */
export interface SchedulerOptions {
  /** Tie policy (default `fifo`). */
  tiePolicy?: TiePolicy;
  /** The seeded stream that draws shuffle keys; required for `shuffle`. */
  tieStream?: RandomStream;
  /** Initial number of event slots (grows as needed). */
  initialCapacity?: number;
}

/**
 * Discrete-event scheduler over whole ticks.
 *
 * Order: by time, then priority, then the tie-breaker: under `fifo` the insertion sequence; under
 * `shuffle` 37 random bits from the seeded tie stream (an exact collision is resolved
 * deterministically). `now` never decreases and an event can never be scheduled before `now`.
 */
export class Scheduler {
  /** Current simulated time: the time of the event being (or last) dispatched. */
  now = 0;
  /** Events dispatched so far. */
  dispatched = 0;

  private readonly shuffle: boolean;
  private readonly tieStream: RandomStream | undefined;
  private cap: number;
  // per-slot data
  private kinds: Int32Array;
  private args: Float64Array;
  private gens: Int32Array;
  private times: Float64Array;
  private keys: Float64Array;
  private nexts: Int32Array;
  private targets: (EventTarget | null)[];
  private payloads: unknown[];
  private free: Int32Array;
  private freeTop = 0;
  private nextFresh = 0;
  private seq = 0;
  private live = 0;
  // near ring: one bucket per tick of block `blk` (ticks blkStart .. blkStart+RING-1), holding ticks > cur
  private readonly bHead = new Int32Array(RING).fill(-1);
  private readonly bTail = new Int32Array(RING).fill(-1);
  private readonly bits = new Uint32Array(WORDS);
  private nearCount = 0;
  private blk = 0;
  private blkStart = 0;
  // far ring: one unsorted bucket per block blk+1 .. blk+FAR-1, at index block % FAR
  private readonly fHead = new Int32Array(FAR).fill(-1);
  private readonly fTail = new Int32Array(FAR).fill(-1);
  private readonly fBits = new Uint32Array(FAR_WORDS);
  private farCount = 0;
  /** The tick whose events are in the current-tick heap. */
  private cur = 0;
  // current-tick heap, ordered by key
  private cKey: Float64Array;
  private cSlot: Int32Array;
  private cSize = 0;
  // overflow heap (beyond the far ring, or before the current block), ordered by (time, key)
  private oTime: Float64Array;
  private oKey: Float64Array;
  private oSlot: Int32Array;
  private oSize = 0;

  /** @param options - tie policy, tie stream and initial capacity */
  constructor(options: SchedulerOptions = {}) {
    this.shuffle = (options.tiePolicy ?? 'fifo') === 'shuffle';
    this.tieStream = options.tieStream;
    if (this.shuffle && !this.tieStream) {
      throw new VenuelabError(ErrorCode.Config, 'tie policy "shuffle" needs a seeded tie stream');
    }
    const cap = Math.max(16, options.initialCapacity ?? 1024);
    this.cap = cap;
    this.kinds = new Int32Array(cap);
    this.args = new Float64Array(cap);
    this.gens = new Int32Array(cap);
    this.times = new Float64Array(cap);
    this.keys = new Float64Array(cap);
    this.nexts = new Int32Array(cap);
    this.targets = new Array<EventTarget | null>(cap).fill(null);
    this.payloads = new Array<unknown>(cap).fill(undefined);
    this.free = new Int32Array(cap);
    this.cKey = new Float64Array(256);
    this.cSlot = new Int32Array(256);
    this.oTime = new Float64Array(256);
    this.oKey = new Float64Array(256);
    this.oSlot = new Int32Array(256);
  }

  /** Number of live (scheduled, not cancelled, not yet dispatched) events. */
  get size(): number {
    return this.live;
  }

  /**
   * Schedules an event.
   * @param time - simulated time (rounded up to a whole tick); must not be earlier than `now`
   * @param priority - lower runs first at equal time (integer in [-32768, 32767])
   * @param target - receiver of the event
   * @param kind - small integer the target uses to tell events apart
   * @param arg - a number passed through
   * @param payload - any object passed through (avoid allocating one per event in hot paths)
   * @returns the id to cancel the event with
   */
  schedule(time: number, priority: number, target: EventTarget, kind = 0, arg = 0, payload?: unknown): EventId {
    const t = Math.ceil(time);
    if (!(t >= this.now)) {
      throw new VenuelabError(ErrorCode.Lifecycle, `cannot schedule at t=${time}: simulated time is already ${this.now}`);
    }
    let slot: number;
    if (this.freeTop > 0) slot = this.free[--this.freeTop]!;
    else {
      if (this.nextFresh === this.cap) this.grow();
      slot = this.nextFresh++;
    }
    const key = (priority + PRIORITY_OFFSET) * TIE_SPAN + (this.shuffle ? Math.floor(this.tieStream!.next() * TIE_SPAN) : this.seq++);
    this.kinds[slot] = kind;
    this.args[slot] = arg;
    this.targets[slot] = target;
    this.payloads[slot] = payload;
    this.times[slot] = t;
    this.keys[slot] = key;
    this.live++;
    this.place(slot, t, key);
    return this.gens[slot]! * SLOT_CAP + slot;
  }

  private place(slot: number, t: number, key: number): void {
    if (t === this.cur) {
      this.cPush(key, slot);
      return;
    }
    const blk = Math.floor(t / RING);
    const d = blk - this.blk;
    if (d === 0 && t > this.cur) {
      const i = t - this.blkStart;
      this.nexts[slot] = -1;
      const tail = this.bTail[i]!;
      if (tail < 0) {
        this.bHead[i] = slot;
        this.bits[i >> 5]! |= 1 << (i & 31);
      } else this.nexts[tail] = slot;
      this.bTail[i] = slot;
      this.nearCount++;
    } else if (d > 0 && d < FAR) {
      const i = blk % FAR;
      this.nexts[slot] = -1;
      const tail = this.fTail[i]!;
      if (tail < 0) {
        this.fHead[i] = slot;
        this.fBits[i >> 5]! |= 1 << (i & 31);
      } else this.nexts[tail] = slot;
      this.fTail[i] = slot;
      this.farCount++;
    } else this.oPush(t, key, slot);
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

  /** Time of the next pending event, or `Infinity` if none (a cancelled event may linger here until its tick). */
  peekTime(): number {
    if (this.live === 0) return Infinity;
    if (this.cSize > 0) return this.cur;
    let t = Infinity;
    if (this.nearCount > 0) t = this.blkStart + this.nextNear(Math.max(0, this.cur - this.blkStart + 1));
    else if (this.farCount > 0) {
      // the earliest tick of the next far block
      let m = Infinity;
      const i = this.blk + this.nextFarOffset();
      for (let s = this.fHead[i % FAR]!; s >= 0; s = this.nexts[s]!) m = Math.min(m, this.times[s]!);
      t = m;
    }
    if (this.oSize > 0 && this.oTime[0]! < t) t = this.oTime[0]!;
    return t;
  }

  /**
   * Dispatches the next live event whose time is `<= until`.
   * @returns false when there is no such event
   */
  step(until = Infinity): boolean {
    for (;;) {
      if (this.cSize > 0) {
        if (this.cur > until) return false;
        const slot = this.cPop();
        const target = this.targets[slot]!;
        if (target === null) {
          this.recycle(slot);
          continue;
        }
        const payload = this.payloads[slot];
        const kind = this.kinds[slot]!;
        const arg = this.args[slot]!;
        this.targets[slot] = null;
        this.payloads[slot] = undefined;
        this.recycle(slot);
        this.live--;
        this.dispatched++;
        target.handleEvent(kind, arg, payload, this.cur);
        return true;
      }
      if (!this.advance(until)) return false;
    }
  }

  /** Dispatches every event up to `until` (inclusive); returns the number dispatched. */
  runUntil(until: number): number {
    const before = this.dispatched;
    while (this.step(until)) {
      /* keep going */
    }
    return this.dispatched - before;
  }

  /**
   * Moves to the next tick that has a live event (if it is `<= until`), filling the current-tick
   * heap. Cancelled entries met on the way are recycled; `now` only moves to a tick with a live event.
   */
  private advance(until: number): boolean {
    for (;;) {
      const oHead = this.oSize > 0 ? this.oTime[0]! : Infinity;
      let next = Infinity;
      if (this.nearCount > 0) next = this.blkStart + this.nextNear(Math.max(0, this.cur - this.blkStart + 1));
      else if (this.farCount > 0) {
        const nb = this.blk + this.nextFarOffset();
        if (nb * RING < oHead) {
          this.switchBlock(nb);
          continue;
        }
      }
      if (oHead < next) {
        const slot = this.oSlot[0]!;
        if (this.targets[slot] === null) {
          this.oPop();
          this.recycle(slot);
          continue;
        }
        if (oHead > until) return false;
        this.cur = oHead;
        this.now = oHead;
        if (this.nearCount === 0 && this.farCount === 0 && Math.floor(oHead / RING) > this.blk) {
          // Re-base the wheel on the overflow head so its neighbours leave the heap.
          this.blk = Math.floor(oHead / RING);
          this.blkStart = this.blk * RING;
        }
        this.migrateOverflow();
        return true;
      }
      if (next === Infinity || next > until) return false;
      const i = next - this.blkStart;
      let s = this.bHead[i]!;
      this.bHead[i] = -1;
      this.bTail[i] = -1;
      this.bits[i >> 5]! &= ~(1 << (i & 31));
      let any = false;
      while (s >= 0) {
        const n = this.nexts[s]!;
        this.nearCount--;
        if (this.targets[s] === null) this.recycle(s);
        else {
          this.cPush(this.keys[s]!, s);
          any = true;
        }
        s = n;
      }
      if (!any) continue;
      this.cur = next;
      this.now = next;
      return true;
    }
  }

  /** Moves the wheel to block `nb` (from the far ring): its events go to the near ring. */
  private switchBlock(nb: number): void {
    const fi = nb % FAR;
    let s = this.fHead[fi]!;
    this.fHead[fi] = -1;
    this.fTail[fi] = -1;
    this.fBits[fi >> 5]! &= ~(1 << (fi & 31));
    this.blk = nb;
    this.blkStart = nb * RING;
    while (s >= 0) {
      const n = this.nexts[s]!;
      this.farCount--;
      if (this.targets[s] === null) this.recycle(s);
      else this.place(s, this.times[s]!, this.keys[s]!);
      s = n;
    }
    this.migrateOverflow();
  }

  /** Moves overflow entries that now fall in the current tick, block or far window out of the heap. */
  private migrateOverflow(): void {
    const limit = (this.blk + FAR) * RING;
    while (this.oSize > 0) {
      const t = this.oTime[0]!;
      if (t >= limit || (t < this.blkStart && t !== this.cur)) break;
      const slot = this.oSlot[0]!;
      this.oPop();
      if (this.targets[slot] === null) this.recycle(slot);
      else this.place(slot, t, this.keys[slot]!);
    }
  }

  /** Index (>= from) of the first non-empty near bucket; requires one to exist at or after `from`. */
  private nextNear(from: number): number {
    const bits = this.bits;
    let w = from >> 5;
    if (w >= WORDS) return Infinity;
    let word = bits[w]! & (~0 << (from & 31));
    for (;;) {
      if (word !== 0) return (w << 5) + (31 - Math.clz32(word & -word));
      if (++w >= WORDS) return Infinity;
      word = bits[w]!;
    }
  }

  /** Offset (1 .. FAR-1) from `blk` of the nearest non-empty far bucket; requires farCount > 0. */
  private nextFarOffset(): number {
    const bits = this.fBits;
    const start = (this.blk + 1) % FAR;
    let w = start >> 5;
    let word = bits[w]! & (~0 << (start & 31));
    for (let k = 0; k <= FAR_WORDS; k++) {
      if (word !== 0) {
        const i = (w << 5) + (31 - Math.clz32(word & -word));
        return (((i - this.blk) % FAR) + FAR) % FAR || FAR;
      }
      w = (w + 1) % FAR_WORDS;
      word = bits[w]!;
    }
    throw new VenuelabError(ErrorCode.Lifecycle, 'scheduler far ring is inconsistent');
  }

  private recycle(slot: number): void {
    this.gens[slot] = (this.gens[slot]! + 1) & 0x1fffffff;
    this.free[this.freeTop++] = slot;
  }

  // ---- current-tick heap (by key) -------------------------------------------------------------

  private cPush(key: number, slot: number): void {
    if (this.cSize === this.cKey.length) {
      const k = new Float64Array(this.cSize * 2);
      k.set(this.cKey);
      this.cKey = k;
      const s = new Int32Array(this.cSize * 2);
      s.set(this.cSlot);
      this.cSlot = s;
    }
    const keys = this.cKey;
    const slots = this.cSlot;
    let pos = this.cSize++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pk = keys[parent]!;
      if (pk <= key) break;
      keys[pos] = pk;
      slots[pos] = slots[parent]!;
      pos = parent;
    }
    keys[pos] = key;
    slots[pos] = slot;
  }

  private cPop(): number {
    const keys = this.cKey;
    const slots = this.cSlot;
    const top = slots[0]!;
    const n = --this.cSize;
    if (n === 0) return top;
    const key = keys[n]!;
    const slot = slots[n]!;
    let pos = 0;
    for (;;) {
      let c = 2 * pos + 1;
      if (c >= n) break;
      let ck = keys[c]!;
      if (c + 1 < n && keys[c + 1]! < ck) ck = keys[++c]!;
      if (key <= ck) break;
      keys[pos] = ck;
      slots[pos] = slots[c]!;
      pos = c;
    }
    keys[pos] = key;
    slots[pos] = slot;
    return top;
  }

  // ---- overflow heap (by time, key) -----------------------------------------------------------

  private oPush(time: number, key: number, slot: number): void {
    if (this.oSize === this.oTime.length) {
      const n = this.oSize * 2;
      const t = new Float64Array(n);
      t.set(this.oTime);
      this.oTime = t;
      const k = new Float64Array(n);
      k.set(this.oKey);
      this.oKey = k;
      const s = new Int32Array(n);
      s.set(this.oSlot);
      this.oSlot = s;
    }
    const times = this.oTime;
    const keys = this.oKey;
    const slots = this.oSlot;
    let pos = this.oSize++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && keys[parent]! <= key)) break;
      times[pos] = pt;
      keys[pos] = keys[parent]!;
      slots[pos] = slots[parent]!;
      pos = parent;
    }
    times[pos] = time;
    keys[pos] = key;
    slots[pos] = slot;
  }

  private oPop(): void {
    const times = this.oTime;
    const keys = this.oKey;
    const slots = this.oSlot;
    const n = --this.oSize;
    if (n === 0) return;
    const time = times[n]!;
    const key = keys[n]!;
    const slot = slots[n]!;
    let pos = 0;
    for (;;) {
      let c = 2 * pos + 1;
      if (c >= n) break;
      let ct = times[c]!;
      let ck = keys[c]!;
      const r = c + 1;
      if (r < n) {
        const rt = times[r]!;
        const rk = keys[r]!;
        if (rt < ct || (rt === ct && rk < ck)) {
          c = r;
          ct = rt;
          ck = rk;
        }
      }
      if (time < ct || (time === ct && key <= ck)) break;
      times[pos] = ct;
      keys[pos] = ck;
      slots[pos] = slots[c]!;
      pos = c;
    }
    times[pos] = time;
    keys[pos] = key;
    slots[pos] = slot;
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
    this.args = f64(this.args);
    this.times = f64(this.times);
    this.keys = f64(this.keys);
    this.kinds = i32(this.kinds);
    this.gens = i32(this.gens);
    this.nexts = i32(this.nexts);
    this.free = i32(this.free);
    for (let i = this.cap; i < cap; i++) {
      this.targets.push(null);
      this.payloads.push(undefined);
    }
    this.cap = cap;
  }
}

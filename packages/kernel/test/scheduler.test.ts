import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStream, Scheduler, type EventTarget } from '../src/index.js';

type Op =
  | { op: 'schedule'; dt: number; priority: number }
  | { op: 'cancel'; which: number }
  | { op: 'step' };

// Offsets exercise the current tick (0), the near ring (same 4,096-tick block), the far ring
// (later blocks up to 4,096 x 4,096 ticks ahead) and the overflow heap beyond it.
const dtArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 20 }),
  fc.integer({ min: 4000, max: 9000 }),
  fc.integer({ min: 0, max: 100_000 }),
  fc.integer({ min: 16_000_000, max: 40_000_000 }),
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('schedule' as const), dt: dtArb, priority: fc.constantFrom(-50, -20, 0, 0, 0, 3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), which: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('step' as const) }) },
);

interface RefEvent {
  id: number;
  time: number;
  priority: number;
  seq: number;
  label: number;
  cancelled: boolean;
  done: boolean;
}

/** Runs ops on a scheduler and on a reference model; returns both dispatch orders. */
function runBoth(ops: Op[]): { got: number[]; want: number[] } {
  const sched = new Scheduler({ tiePolicy: 'fifo', initialCapacity: 16 });
  const got: number[] = [];
  const target: EventTarget = { handleEvent: (_k, arg) => got.push(arg) };
  const ref: RefEvent[] = [];
  const want: number[] = [];
  let now = 0;
  let label = 0;
  const refStep = () => {
    const live = ref.filter((e) => !e.cancelled && !e.done);
    if (live.length === 0) return;
    live.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
    const e = live[0]!;
    e.done = true;
    now = e.time;
    want.push(e.label);
  };
  for (const o of ops) {
    if (o.op === 'schedule') {
      const time = now + o.dt;
      const id = sched.schedule(time, o.priority, target, 0, label);
      ref.push({ id, time, priority: o.priority, seq: ref.length, label, cancelled: false, done: false });
      label++;
    } else if (o.op === 'cancel') {
      if (ref.length === 0) continue;
      const e = ref[o.which % ref.length]!;
      const ok = sched.cancel(e.id);
      expect(ok).toBe(!e.cancelled && !e.done);
      if (!e.done) e.cancelled = true;
    } else {
      sched.step();
      refStep();
    }
    expect(sched.now).toBeLessThanOrEqual(Math.max(now, sched.now));
  }
  // drain both
  sched.runUntil(Infinity);
  for (;;) {
    const before = want.length;
    refStep();
    if (want.length === before) break;
  }
  return { got, want };
}

describe('scheduler', () => {
  it('dispatches in (time, priority, insertion) order with cancellation (fifo), against a reference model', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const { got, want } = runBoth(ops);
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('never lets time go backwards and refuses events in the past', () => {
    const s = new Scheduler();
    const seen: number[] = [];
    const target: EventTarget = {
      handleEvent: (_k, _a, _p, t) => {
        seen.push(t);
        if (t < 50) s.schedule(t + 3, 0, target);
      },
    };
    s.schedule(0, 0, target);
    s.runUntil(Infinity);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(() => s.schedule(1, 0, target)).toThrow(/already/);
  });

  it('runUntil stops at the bound and resumes later', () => {
    const s = new Scheduler();
    const got: number[] = [];
    const target: EventTarget = { handleEvent: (_k, a) => got.push(a) };
    for (const t of [1, 5, 5000, 10, 3]) s.schedule(t, 0, target, 0, t);
    expect(s.runUntil(5)).toBe(3);
    expect(got).toEqual([1, 3, 5]);
    s.schedule(7, 0, target, 0, 7);
    s.runUntil(Infinity);
    expect(got).toEqual([1, 3, 5, 7, 10, 5000]);
    expect(s.size).toBe(0);
  });

  it('rounds fractional times up to whole ticks', () => {
    const s = new Scheduler();
    const got: number[] = [];
    s.schedule(2.2, 0, { handleEvent: (_k, _a, _p, t) => got.push(t) });
    s.runUntil(Infinity);
    expect(got).toEqual([3]);
  });

  it('cancel returns false for dispatched, cancelled or reused ids', () => {
    const s = new Scheduler();
    const target: EventTarget = { handleEvent: () => {} };
    const a = s.schedule(1, 0, target);
    expect(s.cancel(a)).toBe(true);
    expect(s.cancel(a)).toBe(false);
    s.runUntil(Infinity);
    const b = s.schedule(2, 0, target); // may reuse a's slot
    s.runUntil(Infinity);
    expect(s.cancel(b)).toBe(false);
    expect(s.cancel(a)).toBe(false);
  });

  describe('shuffle tie policy', () => {
    const order = (seed: number, n: number, stream = 'kernel:ties') => {
      const s = new Scheduler({ tiePolicy: 'shuffle', tieStream: createStream(seed, stream) });
      const got: number[] = [];
      const target: EventTarget = { handleEvent: (_k, a) => got.push(a) };
      for (let i = 0; i < n; i++) s.schedule(10, 0, target, 0, i);
      s.schedule(10, -50, target, 0, -1); // lower priority value always first
      s.schedule(11, -50, target, 0, -2); // later time always last
      s.runUntil(Infinity);
      return got;
    };

    it('is deterministic per seed', () => {
      fc.assert(fc.property(fc.integer(), (seed) => {
        expect(order(seed, 20)).toEqual(order(seed, 20));
      }), { numRuns: 50 });
    });

    it('respects time and priority, and only reorders ties', () => {
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const got = order(seed, 20);
          expect(got[0]).toBe(-1);
          expect(got[got.length - 1]).toBe(-2);
          expect([...got.slice(1, -1)].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
        }),
        { numRuns: 50 },
      );
    });

    it('does not follow registration order: the first registered goes first about 1/n of the time', () => {
      const n = 5;
      const seeds = 2000;
      let firstWins = 0;
      let identical = 0;
      for (let seed = 0; seed < seeds; seed++) {
        const got = order(seed, n).slice(1, -1);
        if (got[0] === 0) firstWins++;
        if (got.every((v, i) => v === i)) identical++;
      }
      const p = 1 / n;
      const sd = Math.sqrt((p * (1 - p)) / seeds);
      expect(Math.abs(firstWins / seeds - p)).toBeLessThan(4 * sd);
      expect(identical / seeds).toBeLessThan(0.05); // 1/120 expected
    });

    it('different seeds give different tie orders', () => {
      const a = order(1, 30);
      const b = order(2, 30);
      expect(a).not.toEqual(b);
    });
  });

  it('accepts events earlier than the current block after a bounded run, and keeps order', () => {
    const s = new Scheduler();
    const got: number[] = [];
    const target: EventTarget = { handleEvent: (_k, a) => got.push(a) };
    s.schedule(5, 0, target, 0, 5);
    s.schedule(50_000, 0, target, 0, 50_000);
    s.runUntil(9000); // runs 5; the wheel may move on towards 50,000
    s.schedule(100, 0, target, 0, 100);
    s.schedule(8000, 0, target, 0, 8000);
    s.schedule(50_000, -1, target, 0, 49_999);
    s.runUntil(Infinity);
    expect(got).toEqual([5, 100, 8000, 49_999, 50_000]);
  });

  it('keeps order across ring wrap-around and far-future events', () => {
    const s = new Scheduler();
    const got: number[] = [];
    const target: EventTarget = { handleEvent: (_k, a) => got.push(a) };
    const times = [0, 4095, 4096, 4097, 8191, 8192, 12_000, 1_000_000, 3, 4096 * 3 + 1, 4096 * 4096 - 1, 4096 * 4096, 4096 * 4096 + 5, 2 ** 45, 2 ** 45 + 1];
    for (const t of times) s.schedule(t, 0, target, 0, t);
    s.runUntil(Infinity);
    expect(got).toEqual([...times].sort((a, b) => a - b));
  });
});

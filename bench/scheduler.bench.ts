import { createStream, Scheduler, type EventTarget } from '@venuelab/kernel';
import type { Benchmark } from './types.js';

/** Hold model: a queue of `size` pending events; each dispatched event schedules one more. */
function holdModel(tiePolicy: 'fifo' | 'shuffle', size: number, total: number): number {
  const sched = new Scheduler({ tiePolicy, tieStream: createStream(1, 'bench:ties'), initialCapacity: size * 2 });
  let left = total;
  const target: EventTarget = {
    handleEvent(_k, arg, _p, t) {
      if (left-- > 0) sched.schedule(t + 1 + (arg % 17), 0, target, 0, arg + 7);
    },
  };
  for (let i = 0; i < size; i++) sched.schedule(i % 100, 0, target, 0, i);
  const t0 = performance.now();
  const n = sched.runUntil(Infinity);
  const s = (performance.now() - t0) / 1000;
  return n / s;
}

/** Push `n` events at random ticks in [0, span) with a no-op handler, then run them all. */
function pushThenPop(n: number, span: number): number {
  const rng = createStream(2, 'bench:times');
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = Math.floor(rng.next() * span);
  const sched = new Scheduler({ tiePolicy: 'fifo', initialCapacity: n });
  const target: EventTarget = { handleEvent() {} };
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sched.schedule(times[i]!, 0, target, 0, i);
  const done = sched.runUntil(Infinity);
  return done / ((performance.now() - t0) / 1000);
}

/** Repeatedly push a batch of `batch` events at random ticks within the next `window` ticks, then run them (no-op handler). */
function batches(batch: number, window: number, rounds: number): number {
  const rng = createStream(3, 'bench:batches');
  const offsets = new Float64Array(batch);
  for (let i = 0; i < batch; i++) offsets[i] = Math.floor(rng.next() * window);
  const sched = new Scheduler({ tiePolicy: 'fifo', initialCapacity: batch * 2 });
  const target: EventTarget = { handleEvent() {} };
  let done = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    const base = sched.now;
    for (let i = 0; i < batch; i++) sched.schedule(base + offsets[(i + r) % batch]!, 0, target, 0, i);
    done += sched.runUntil(Infinity);
  }
  return done / ((performance.now() - t0) / 1000);
}

export const benchmarks: Benchmark[] = [
  { name: 'scheduler push+pop, batches of 1k over 100 ticks, no-op handler', unit: 'events/s', target: 10_000_000, run: () => batches(1_000, 100, 3_000) },
  { name: 'scheduler push+pop, 1k pending, fifo', unit: 'events/s', target: 10_000_000, run: () => holdModel('fifo', 1_000, 3_000_000) },
  { name: 'scheduler push+pop, 1k pending, shuffle', unit: 'events/s', target: 5_000_000, run: () => holdModel('shuffle', 1_000, 3_000_000) },
  { name: 'scheduler push+pop, 100k pending, fifo', unit: 'events/s', target: 5_000_000, run: () => holdModel('fifo', 100_000, 3_000_000) },
  { name: 'scheduler push 1M then pop all, no-op handler', unit: 'events/s', target: 10_000_000, run: () => pushThenPop(1_000_000, 100_000) },
];

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

export const benchmarks: Benchmark[] = [
  { name: 'scheduler push+pop, 1k pending, fifo', unit: 'events/s', target: 10_000_000, run: () => holdModel('fifo', 1_000, 3_000_000) },
  { name: 'scheduler push+pop, 1k pending, shuffle', unit: 'events/s', target: 5_000_000, run: () => holdModel('shuffle', 1_000, 3_000_000) },
  { name: 'scheduler push+pop, 100k pending, fifo', unit: 'events/s', target: 5_000_000, run: () => holdModel('fifo', 100_000, 3_000_000) },
];

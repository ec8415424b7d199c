import { describe, expect, it } from 'vitest';
import { createStream, RngStreams } from '../src/index.js';

describe('seeded random streams', () => {
  it('give the same sequence for the same (seed, name)', () => {
    const a = createStream(42, 'agent:x:orders');
    const b = createStream(42, 'agent:x:orders');
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
  });

  it('differ across seeds and names', () => {
    expect(createStream(1, 'a').next()).not.toBe(createStream(2, 'a').next());
    expect(createStream(1, 'a').next()).not.toBe(createStream(1, 'b').next());
  });

  it('are independent: drawing from one stream never shifts another', () => {
    const s1 = new RngStreams(7);
    const s2 = new RngStreams(7);
    for (let i = 0; i < 1000; i++) s1.stream('noise').next();
    s1.stream('new-agent').normal();
    expect(s1.stream('lp').next()).toBe(s2.stream('lp').next());
  });

  it('draw distributions with the right moments', () => {
    const r = createStream(3, 'moments');
    const n = 50_000;
    let sum = 0;
    let sq = 0;
    let exp = 0;
    let poi = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal(1, 2);
      sum += z;
      sq += (z - 1) ** 2;
      exp += r.exponential(3);
      poi += r.poisson(4);
    }
    expect(Math.abs(sum / n - 1)).toBeLessThan(4 * (2 / Math.sqrt(n)));
    expect(Math.abs(sq / n - 4)).toBeLessThan(0.15);
    expect(Math.abs(exp / n - 3)).toBeLessThan(4 * (3 / Math.sqrt(n)));
    expect(Math.abs(poi / n - 4)).toBeLessThan(4 * (2 / Math.sqrt(n)));
    for (let i = 0; i < 1000; i++) {
      const k = r.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    }
  });
});

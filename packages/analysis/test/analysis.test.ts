import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accurateSum,
  buildRecord,
  cellSums,
  factorize,
  factorizeBy,
  groupingOf,
  legCells,
  legMarkouts,
  legView,
  metricTable,
  op,
  orderView,
  quantilesBy,
  weightedQuantilesByAll,
  recordTables,
  rollup,
  RowSink,
  sortedIndex,
  sumByCode,
  truthMoves,
  weightedQuantile,
} from '../src/index.js';

const record = () =>
  buildRecord({
    duration: 10,
    participants: [
      { id: 'lp', role: 'LP' },
      { id: 'inf', role: 'informed' },
    ],
    truth: Array.from({ length: 10 }, (_, t) => ({ t, fair: t < 5 ? 100 : 102 })),
    // sampled every 3 ticks, an empty book side at t = 3
    mids: [
      { t: 0, mid: 100 },
      { t: 3, mid: NaN },
      { t: 6, mid: 101 },
      { t: 9, mid: 102 },
    ],
    fills: [
      { t: 6, price: 100.5, qty: 2, maker: { agent: 'lp', side: 'sell', orderId: 1 }, taker: { agent: 'inf', side: 'buy', orderId: 2 } },
      { t: 7, venue: 'W', price: 101, qty: 1, maker: { agent: 'inf', side: 'sell', orderId: 3 }, taker: { agent: 'lp', side: 'buy', orderId: 4 } },
    ],
    orders: [
      { t: 5, agent: 'lp', action: 'limit', orderId: 1, side: 'sell', price: 100.5, qty: 2 },
      { t: 6, agent: 'inf', action: 'market', orderId: 2, side: 'buy', qty: 2, status: 'filled', filledQty: 2 },
      { t: 8, agent: 'lp', action: 'cancel', orderId: 1, status: 'rejected' },
    ],
  });

describe('paths', () => {
  const legs = legView(record());
  it('reads the last sample at or before t; truth clamps before the start and past the end', () => {
    const g = legs.truth.group('M');
    expect(legs.truth.at(g, 4)).toBe(100);
    expect(legs.truth.at(g, 5)).toBe(102);
    expect(legs.truth.at(g, -3)).toBe(100);
    expect(legs.truth.at(g, 1000)).toBe(102);
    expect(legs.truth.at(-1, 3)).toBeNaN();
  });
  it('carries the last finite mid over gaps and irregular sampling', () => {
    const g = legs.mids.group('V|M');
    expect(legs.mids.at(g, 2)).toBe(100);
    expect(legs.mids.at(g, 4)).toBe(100); // t = 3 has no mid
    expect(legs.mids.at(g, 8)).toBe(101);
    expect(legs.mids.at(g, -1)).toBeNaN();
    expect(legs.mids.parts[g]).toEqual(['V', 'M']);
    expect(legs.mids.group('W|M')).toBe(-1);
  });
  it('marks legs at t + D against truth and mids', () => {
    expect([...legMarkouts(legs, 'truth', 0)]).toEqual([-3, 3, -1, 1]);
    // D = 3: V|M mid at 9 is 102; W has no mid path.
    const mid = legMarkouts(legs, 'mid', 3);
    expect([mid[0], mid[1]]).toEqual([-3, 3]);
    expect(mid[2]).toBeNaN();
  });
  it('finds truth moves from the previous move', () => {
    const moves = truthMoves(legs.truth, 1.5)[0]!;
    expect([...moves.times]).toEqual([5]);
    expect([...moves.size]).toEqual([2]);
    expect(truthMoves(legs.truth, 2)[0]!.times.length).toBe(0);
  });
});

describe('views, cells and roll-ups', () => {
  const rec = record();
  const legs = legView(rec);
  it('memoises the views per record', () => {
    expect(legView(rec)).toBe(legs);
    expect(orderView(rec)).toBe(orderView(rec));
  });
  it('gives cancels the market of their target and finds orders by id', () => {
    const o = orderView(rec);
    expect(o.market.levels[o.market.codes[2]!]).toBe('M');
    expect(o.rowOf(2)).toBe(1);
    expect(o.rowOf(99)).toBe(-1);
    expect(o.role.levels[o.role.codes[1]!]).toBe('informed');
  });
  it('rolls cell sums up to scopes and leg selections', () => {
    const cells = legCells(legs);
    const sums = cellSums(cells, legs.qty);
    const byRole = rollup(legs, cells, sums, 'role');
    expect(Object.fromEntries(byRole.keys.map((k, i) => [k, byRole.sum[i]]))).toEqual({ LP: 3, informed: 3 });
    expect(rollup(legs, cells, sums, 'all', 'fills').sum[0]).toBe(3);
    expect(rollup(legs, cells, sums, 'venue', 'maker').sum).toEqual(Float64Array.from([2, 1]));
    expect(rollup(legs, cells, sums, 'agent', 'fills').count).toEqual(Float64Array.from([2, 2]));
  });

  it('sumByCode adds each cell into its group, empty groups stay 0', () => {
    expect(sumByCode(Float64Array.from([1, 2, 4, 8, 16]), Int32Array.from([2, 0, 2, 0, 2]), 4)).toEqual(Float64Array.from([10, 0, 21, 0]));
    expect(sumByCode([], [], 2)).toEqual(new Float64Array(2));
  });
  it('builds arquero tables from the record and from metric rows', () => {
    const t = recordTables(rec).trades.groupby('role').rollup({ lots: op.sum('qty') }).orderby('role').objects();
    expect(t).toEqual([
      { role: 'LP', lots: 3 },
      { role: 'informed', lots: 3 },
    ]);
    const sink = new RowSink();
    sink.add('x', 'all', '', null, 1);
    sink.add('y', 'all', '', 5, NaN);
    expect(metricTable(sink.rows, 'r', 7).objects()).toEqual([{ run_id: 'r', seed: 7, metric: 'x', scope: 'all', key: '', horizon: NaN, value: 1 }]);
  });
});

describe('numerics', () => {
  it('factorizes in order of first appearance; a dependent column by its parent', () => {
    const f = factorize(['b', 'a', 'b', 'c']);
    expect(f.levels).toEqual(['b', 'a', 'c']);
    expect([...f.codes]).toEqual([0, 1, 0, 2]);
    const r = factorizeBy(['x', 'y', 'x', 'y'], f);
    expect(r.levels[r.codes[3]!]).toBe('y');
    // 'b' maps to two values: falls back to a plain factorization
    const bad = factorizeBy(['x', 'y', 'z', 'y'], f);
    expect(bad.levels).toEqual(['x', 'y', 'z']);
  });
  it('compensated sums are exact where naive sums are not', () => {
    expect(accurateSum([1e16, 1, -1e16])).toBe(1);
  });
  it('weighted lower quantiles', () => {
    expect(weightedQuantile([3, 1, 2], [1, 1, 1], 0.5)).toBe(2);
    expect(weightedQuantile([1, 2, 3, 4], [1, 1, 1, 1], 0.5)).toBe(2);
    expect(weightedQuantile([1, 10], [1, 9], 0.5)).toBe(10);
    expect(weightedQuantile([], [], 0.5)).toBeNaN();
  });
  it('sortedIndex orders by value, ties by index, skipping NaN and masked rows', () => {
    expect([...sortedIndex([3, 1, NaN, 1, 0])]).toEqual([4, 1, 3, 0]);
    expect([...sortedIndex([0.5, -1, 2], Uint8Array.from([1, 1, 0]))]).toEqual([1, 0]);
  });
  it('weightedQuantilesByAll: the histogram path and the sorting path agree with per-group weightedQuantile (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            v: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(NaN)),
            w: fc.integer({ min: 0, max: 5 }),
            g: fc.integer({ min: 0, max: 2 }),
            m: fc.boolean(),
          }),
          { minLength: 1, maxLength: 80 },
        ),
        fc.subarray([0, 0.1, 0.5, 0.95, 1], { minLength: 1 }),
        fc.boolean(),
        (rows, ps, fractional) => {
          // fractional = true shifts values off the integers, forcing the sorting path
          const values = Float64Array.from(rows, (r) => (fractional ? r.v + 0.25 : r.v));
          const weights = Float64Array.from(rows, (r) => r.w);
          const mask = Uint8Array.from(rows, (r) => (r.m ? 1 : 0));
          const groupings = [groupingOf('all', null), groupingOf('role', { codes: Int32Array.from(rows, (r) => r.g), levels: ['a', 'b', 'c'] })];
          const got = weightedQuantilesByAll(groupings, values, weights, ps, mask);
          groupings.forEach((g, j) => {
            g.levels.forEach((_l, k) => {
              const sel = rows.filter((r, i) => r.m && r.w > 0 && Number.isFinite(values[i]!) && (g.codes === null || g.codes[i] === k));
              ps.forEach((p, pi) => {
                const want = weightedQuantile(sel.map((r) => (fractional ? r.v + 0.25 : r.v)), sel.map((r) => r.w), p);
                const x = got[j]![pi]![k]!;
                if (Number.isNaN(want)) expect(x).toBeNaN();
                else expect(x).toBe(want);
              });
            });
          });
        },
      ),
    );
  });
  it('grouped quantiles equal per-group weightedQuantile (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ v: fc.integer({ min: 0, max: 50 }), w: fc.integer({ min: 1, max: 5 }), g: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(0.1, 0.5, 0.95),
        (rows, p) => {
          const values = Float64Array.from(rows, (r) => r.v);
          const weights = Float64Array.from(rows, (r) => r.w);
          const g = groupingOf('role', { codes: Int32Array.from(rows, (r) => r.g), levels: ['a', 'b', 'c'] });
          const got = quantilesBy(g, values, weights, sortedIndex(values), [p])[0]!;
          for (let k = 0; k < 3; k++) {
            const sel = rows.filter((r) => r.g === k);
            const want = weightedQuantile(sel.map((r) => r.v), sel.map((r) => r.w), p);
            expect(Number.isNaN(want) ? Number.isNaN(got[k]!) : got[k]).toBe(Number.isNaN(want) ? true : want);
          }
        },
      ),
    );
  });
});

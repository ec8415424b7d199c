import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellStats, compareRowKeys, describe as describeSample, expandSweep, pairedStats, SweepStats, type RunRows } from '../src/index.js';

const row = (metric: string, value: number, key = 'LP') => ({ metric, scope: 'role' as const, key, horizon: 0, value });

describe('paired statistics', () => {
  const sweep = expandSweep({
    name: 's',
    sweep: {
      seeds: 4,
      grid: { mech: { path: 'venues[0].plugin', values: ['clob', 'fba'] } },
      comparisons: [{ axis: 'mech', control: 'clob' }],
      better: { wait: 'lower' },
    },
  });
  // LP markout per seed: clob -10, -20, -30, -40; fba -1, -2, -3, -50 -> diffs 9, 18, 27, -10
  const clob = [-10, -20, -30, -40];
  const fba = [-1, -2, -3, -50];
  const wait = { clob: [0, 0, 0, 0], fba: [2, 3, 2, 1] };
  const runs: RunRows[] = [];
  for (let i = 0; i < 4; i++) {
    runs.push({ cell: 'mech=clob', seed: i + 1, rows: [row('markout', clob[i]!), row('wait', wait.clob[i]!)] });
    runs.push({ cell: 'mech=fba', seed: i + 1, rows: [row('markout', fba[i]!), row('wait', wait.fba[i]!)] });
  }

  it('match hand-computed values: mean diff, SEM, t, 95% CI, share improved', () => {
    const p = pairedStats(runs, sweep.cells, sweep.axes, sweep.spec);
    const m = p.find((x) => x.metric === 'markout')!;
    // diffs 9, 18, 27, -10: mean 11, deviations -2, 7, 16, -21, SS 4+49+256+441 = 750, sd = sqrt(250)
    expect(m.n).toBe(4);
    expect(m.meanDiff).toBeCloseTo(11, 12);
    expect(m.sdDiff).toBeCloseTo(Math.sqrt(250), 12);
    expect(m.sem).toBeCloseTo(Math.sqrt(250) / 2, 12);
    expect(m.t).toBeCloseTo(11 / (Math.sqrt(250) / 2), 12);
    // t(0.975, 3) = 3.182446305284263
    expect(m.ciLow).toBeCloseTo(11 - 3.182446305284263 * (Math.sqrt(250) / 2), 9);
    expect(m.ciHigh).toBeCloseTo(11 + 3.182446305284263 * (Math.sqrt(250) / 2), 9);
    expect(m.shareImproved).toBe(0.75);
    expect(m.meanControl).toBe(-25);
    expect(m.meanTreatment).toBe(-14);
    const w = p.find((x) => x.metric === 'wait')!;
    expect(w.better).toBe('lower');
    expect(w.meanDiff).toBe(2);
    expect(w.shareImproved).toBe(0); // every seed waited longer under fba
  });

  it('pair only seeds present in both arms', () => {
    const partial = runs.filter((r) => !(r.cell === 'mech=fba' && r.seed === 4));
    const m = pairedStats(partial, sweep.cells, sweep.axes, sweep.spec).find((x) => x.metric === 'markout')!;
    expect(m.n).toBe(3);
    expect(m.meanDiff).toBeCloseTo(18, 12);
  });

  it('cell statistics: mean, sd and SEM per cell', () => {
    const c = cellStats(runs).find((x) => x.cell === 'mech=clob' && x.metric === 'markout')!;
    expect(c.mean).toBe(-25);
    expect(c.sd).toBeCloseTo(Math.sqrt(500 / 3), 12);
    expect(c.sem).toBeCloseTo(Math.sqrt(500 / 3) / 2, 12);
    expect(describeSample([5]).sem).toBeNaN();
  });
});

describe('streamed statistics (SweepStats)', () => {
  const sweep = expandSweep({
    name: 's',
    sweep: {
      seeds: 3,
      grid: { mech: { path: 'venues[0].plugin', values: ['clob', 'fba', 'amm'] }, lat: { path: 'latency', values: [0, 5] } },
      comparisons: [{ axis: 'mech', control: 'clob' }, { axis: 'lat', control: '0', name: 'latency' }],
      better: { wait: 'lower' },
    },
  });
  const keys = [
    { metric: 'markout', scope: 'role' as const, key: 'LP', horizon: 0 },
    { metric: 'markout', scope: 'role' as const, key: 'LP', horizon: null },
    { metric: 'wait', scope: 'all' as const, key: '', horizon: null },
  ];

  /** The statistics as the sweep computed them before they were streamed: run by run, with maps. */
  function reference(runs: RunRows[]) {
    const rk = (r: { metric: string; scope: string; key: string; horizon: number | null }) => `${r.metric}|${r.scope}|${r.key}|${r.horizon}`;
    const sorted = [...runs].sort((a, b) => a.seed - b.seed);
    const cells = new Map<string, number[]>();
    for (const r of sorted) for (const m of r.rows) (cells.get(`${r.cell}|${rk(m)}`) ?? cells.set(`${r.cell}|${rk(m)}`, []).get(`${r.cell}|${rk(m)}`)!).push(m.value);
    const paired = new Map<string, { t: number[]; c: number[] }>();
    for (const [ci, c] of sweep.spec.comparisons.entries()) {
      for (const cell of sweep.cells) {
        const lab = cell.labels[c.axis]!;
        if (lab === c.control) continue;
        const ctl = sweep.cells.find((o) => o.labels[c.axis] === c.control && Object.entries(cell.labels).every(([a, l]) => a === c.axis || o.labels[a] === l))!;
        for (const t of sorted.filter((r) => r.cell === cell.id)) {
          const cr = runs.find((r) => r.cell === ctl.id && r.seed === t.seed);
          if (!cr) continue;
          for (const m of t.rows) {
            const cm = cr.rows.find((x) => rk(x) === rk(m));
            if (!cm) continue;
            const k = `${ci}|${cell.id}|${rk(m)}`;
            const p = paired.get(k) ?? paired.set(k, { t: [], c: [] }).get(k)!;
            p.t.push(m.value);
            p.c.push(cm.value);
          }
        }
      }
    }
    return { cells, paired };
  }

  it('agree with a run-by-run computation on random sweeps with missing runs and keys (property)', () => {
    const runArb = fc.record({
      cell: fc.integer({ min: 0, max: sweep.cells.length - 1 }),
      seed: fc.integer({ min: 1, max: 6 }),
      rows: fc.subarray(keys.map((k, i) => i)).chain((ks) => fc.tuple(...ks.map((i) => fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((value) => ({ ...keys[i]!, value }))))),
    });
    fc.assert(
      fc.property(fc.uniqueArray(runArb, { selector: (r) => `${r.cell}|${r.seed}`, maxLength: 30 }), (drawn) => {
        const runs: RunRows[] = drawn.map((r) => ({ cell: sweep.cells[r.cell]!.id, seed: r.seed, rows: r.rows }));
        const want = reference(runs);
        const cells = cellStats(runs);
        expect(cells.length).toBe(want.cells.size);
        for (const c of cells) {
          const xs = want.cells.get(`${c.cell}|${c.metric}|${c.scope}|${c.key}|${c.horizon}`)!;
          expect(c).toMatchObject(describeSample(xs));
        }
        const paired = pairedStats(runs, sweep.cells, sweep.axes, sweep.spec);
        expect(paired.length).toBe(want.paired.size);
        for (const p of paired) {
          const ci = sweep.spec.comparisons.findIndex((c) => (c.name ?? `${c.axis}: vs ${c.control}`) === p.comparison);
          const w = want.paired.get(`${ci}|${p.cell}|${p.metric}|${p.scope}|${p.key}|${p.horizon}`)!;
          const d = w.t.map((x, i) => x - w.c[i]!);
          expect(p.n).toBe(d.length);
          expect(Object.is(p.meanDiff, describeSample(d).mean)).toBe(true); // same order of summation: bit for bit
          expect(Object.is(p.sdDiff, describeSample(d).sd)).toBe(true);
          expect(p.meanTreatment).toBe(describeSample(w.t).mean);
          expect(p.meanControl).toBe(describeSample(w.c).mean);
          expect(p.shareImproved).toBe(d.filter((x) => (p.metric === 'wait' ? x < 0 : x > 0)).length / d.length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('order cells by the sweep, then row key; paired rows by comparison, treatment cell, row key', () => {
    const runs: RunRows[] = [];
    for (const cell of [...sweep.cells].reverse()) for (const seed of [2, 1]) runs.push({ cell: cell.id, seed, rows: [...keys].reverse().map((k) => ({ ...k, value: seed })) });
    const stats = new SweepStats(sweep.cells, sweep.axes, sweep.spec);
    // fed as the store streams them: one key at a time, by cell then seed
    const ordered = [...keys].sort(compareRowKeys);
    expect(ordered.map((k) => k.horizon)).toEqual([null, 0, null]); // markout: no horizon first
    for (const k of ordered) {
      const cells = sweep.cells.flatMap((_, i) => [i, i]);
      stats.add(k, cells, cells.map((_, j) => 1 + (j % 2)), cells.map((_, j) => 1 + (j % 2)), cells.length);
    }
    const c = stats.cellStats();
    expect(c.map((x) => `${x.cell} ${x.metric} ${x.horizon}`).slice(0, 4)).toEqual([
      `${sweep.cells[0]!.id} markout null`,
      `${sweep.cells[0]!.id} markout 0`,
      `${sweep.cells[0]!.id} wait null`,
      `${sweep.cells[1]!.id} markout null`,
    ]);
    const p = stats.pairedStats();
    expect(p.map((x) => x.comparison)).toEqual([...Array(4 * 3).fill('mech: vs clob'), ...Array(3 * 3).fill('latency')]);
    expect(p.slice(0, 3).map((x) => x.metric)).toEqual(['markout', 'markout', 'wait']);
    expect(pairedStats(runs, sweep.cells, sweep.axes, sweep.spec)).toEqual(p);
  });

  it('a seed repeated within a cell: every value counts in the cell, the last one is paired', () => {
    const stats = new SweepStats(sweep.cells, sweep.axes, sweep.spec);
    const fba = sweep.cells.findIndex((c) => c.labels.mech === 'fba' && c.labels.lat === '0');
    const clob = sweep.cells.findIndex((c) => c.labels.mech === 'clob' && c.labels.lat === '0');
    stats.add(keys[2]!, [clob, fba, fba], [1, 1, 1], [10, 1, 4], 3);
    expect(stats.cellStats().find((x) => x.cell === sweep.cells[fba]!.id)).toMatchObject({ n: 2, mean: 2.5 });
    expect(stats.pairedStats()).toMatchObject([{ n: 1, meanDiff: -6, shareImproved: 1 }]); // wait: lower is better
  });
});

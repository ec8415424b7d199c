import { describe, expect, it } from 'vitest';
import { expandSweep, MetricRefSchema, renderSvg, surfaceData, surfaceSpec, type CellStat } from '../src/index.js';

const sweep = expandSweep({
  name: 'surface',
  duration: 10,
  markets: [{ id: 'M', openingMid: 1 }],
  truth: { plugin: 't' },
  venues: [{ id: 'v', plugin: 'p' }],
  agents: [{ id: 'a', plugin: 'q' }],
  sweep: {
    seeds: 3,
    grid: {
      spread: { path: 'agents[0].config.targetSpread', values: [2, 4] },
      skew: { path: 'agents[0].config.inventorySkew', values: [0, 0.5, 1] },
    },
  },
});
const ref = MetricRefSchema.parse({ metric: 'score', scope: 'agent', key: 'a' });
const [rows, cols] = sweep.axes as [(typeof sweep.axes)[0], (typeof sweep.axes)[0]];

/** Cell statistics: mean = spread * 10 + skew, SEM 0.1, plus a row of another metric that must be ignored. */
const stats: CellStat[] = sweep.cells.flatMap((c) => {
  const mean = Number(c.labels.spread) * 10 + Number(c.labels.skew);
  return [
    { cell: c.id, metric: 'score', scope: 'agent', key: 'a', horizon: null, n: 3, mean, sd: 0.17, sem: 0.1 },
    { cell: c.id, metric: 'other', scope: 'agent', key: 'a', horizon: null, n: 3, mean: -1, sd: 0, sem: 0 },
  ];
});

describe('metric surface over a 2-D grid', () => {
  it('takes each cell of the grid, rows from the first axis and columns from the second', () => {
    const pts = surfaceData(rows, cols, ref, sweep.cells, stats);
    expect(pts.map((p) => [p.row, p.col, p.mean])).toEqual([
      ['2', '0', 20], ['2', '0.5', 20.5], ['2', '1', 21],
      ['4', '0', 40], ['4', '0.5', 40.5], ['4', '1', 41],
    ]);
    // a missing cell is left out rather than drawn as zero
    expect(surfaceData(rows, cols, ref, sweep.cells, stats.filter((s) => !(s.cell === sweep.cells[0]!.id && s.metric === 'score')))).toHaveLength(5);
  });

  it('outlines the best cell by the metric\'s direction and labels every square with mean (SEM)', async () => {
    const pts = surfaceData(rows, cols, ref, sweep.cells, stats);
    type Datum = { row: string; col: string; best: boolean; text: string; light: boolean };
    const spec = surfaceSpec(rows, cols, ref, pts) as unknown as { data: { values: Datum[] } };
    const best = (s: { data: { values: Datum[] } }) => s.data.values.filter((v) => v.best).map((v) => `${v.row}/${v.col}`);
    expect(best(spec)).toEqual(['4/1']);
    expect(best(surfaceSpec(rows, cols, ref, pts, 'lower') as unknown as { data: { values: Datum[] } })).toEqual(['2/0']);
    expect(spec.data.values.find((v) => v.row === '4' && v.col === '0.5')!.text).toBe('40.5 (0.1)');
    expect(spec.data.values.filter((v) => v.light).map((v) => v.row)).toEqual(['4', '4', '4']);
    const svg = await renderSvg(spec as never);
    expect(svg).toMatch(/^<svg/);
    for (const label of ['20 (0.1)', '41 (0.1)', 'spread', 'skew']) expect(svg).toContain(label);
    expect(surfaceSpec(rows, cols, ref, [])).toBeNull();
  });
});

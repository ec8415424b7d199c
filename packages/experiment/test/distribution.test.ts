import { describe, expect, it } from 'vitest';
import { ConfigError } from '@venuelab/kernel';
import { distributionData, distributionSpec, expandSweep, pairedDiff, quantileSorted, renderSvg, type ResultRow } from '../src/index.js';

const base = {
  name: 'x',
  duration: 10,
  markets: [{ id: 'M', openingMid: 1 }],
  truth: { plugin: 't' },
  venues: [{ id: 'v', plugin: 'p' }],
  agents: [{ id: 'a', plugin: 'q' }],
};

function issuesOf(sweep: Record<string, unknown>): string[] {
  try {
    expandSweep({ ...base, sweep });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
}

describe('report.distributions in the sweep spec', () => {
  it('accepts a distribution with defaults (scope market, by agent, separator @)', () => {
    const s = expandSweep({
      ...base,
      sweep: { scopes: ['all', 'agent', 'market'], report: { distributions: [{ metric: 'arena_book_sharpe', groups: ['ref', 'naive'], control: 'naive', summary: { metric: 'arena_score' } }] } },
    });
    const d = s.spec.report.distributions[0]!;
    expect(d).toMatchObject({ metric: 'arena_book_sharpe', scope: 'market', by: 'agent', separator: '@', horizon: null, control: 'naive' });
    expect(d.summary).toMatchObject({ metric: 'arena_score', scope: 'agent', horizon: null });
    expect(expandSweep(base).spec.report.distributions).toEqual([]);
  });

  it('names the bad field: unknown `by`, unknown key, scope not stored, control not a group, groups with by cell', () => {
    expect(issuesOf({ report: { distributions: [{ metric: 'm', by: 'book' }] } })).toEqual([expect.stringMatching(/^sweep\.report\.distributions\[0\]\.by: /)]);
    expect(issuesOf({ report: { distributions: [{ metric: 'm', bins: 3 }] } })).toEqual([expect.stringMatching(/^sweep\.report\.distributions\[0\]: unknown key "bins"/)]);
    expect(issuesOf({ report: { distributions: [{ scope: 'market' }] } })).toEqual([expect.stringMatching(/^sweep\.report\.distributions\[0\]\.metric: /)]);
    // the default scopes keep market rows but not agent rows
    expect(issuesOf({ report: { distributions: [{ metric: 'm' }, { metric: 'm', scope: 'agent', by: 'cell' }] } })).toEqual([
      expect.stringMatching(/^sweep\.report\.distributions\[1\]\.scope: rows of scope "agent" are not kept by this sweep: add "agent" to sweep\.scopes/),
    ]);
    expect(issuesOf({ report: { distributions: [{ metric: 'm', summary: { metric: 's' } }] } })).toEqual([
      expect.stringMatching(/^sweep\.report\.distributions\[0\]\.summary\.scope: rows of scope "agent" are not kept/),
    ]);
    expect(issuesOf({ report: { distributions: [{ metric: 'm', groups: ['a', 'b'], control: 'c' }] } })).toEqual([
      expect.stringMatching(/^sweep\.report\.distributions\[0\]\.control: control "c" is not one of groups \(a, b\)/),
    ]);
    expect(issuesOf({ report: { distributions: [{ metric: 'm', by: 'cell', control: 'a' }] } })).toEqual([
      expect.stringMatching(/^sweep\.report\.distributions\[0\]\.by: `groups` and `control` apply to `by: agent` only/),
    ]);
  });
});

describe('distribution plot data', () => {
  // Two cells (axis s = 1, 2), two agents (ref, naive), three books, two seeds.
  // value of agent a on book b in cell c, seed k: ref = 1 + b/10 + c + k/100, naive = b/10 - k/100 (one naive outlier below).
  const sweep = expandSweep({
    ...base,
    sweep: {
      seeds: 2,
      scopes: ['all', 'agent', 'market'],
      grid: { s: { path: 'agents[0].count', values: [1, 2] } },
      report: { distributions: [{ metric: 'book_sharpe', groups: ['ref', 'naive'], control: 'naive', summary: { metric: 'score' } }] },
    },
  });
  const rows: ResultRow[] = [];
  for (const [ci, cell] of sweep.cells.entries()) {
    for (const seed of [1, 2]) {
      for (const b of [1, 2, 3]) {
        rows.push({ cell: cell.id, seed, metric: 'book_sharpe', scope: 'market', key: `ref@B${b}`, horizon: null, value: 1 + b / 10 + ci + seed / 100 });
        rows.push({ cell: cell.id, seed, metric: 'book_sharpe', scope: 'market', key: `naive@B${b}`, horizon: null, value: ci === 1 && seed === 2 && b === 3 ? -50 : b / 10 - seed / 100 });
      }
      rows.push({ cell: cell.id, seed, metric: 'score', scope: 'agent', key: 'ref', horizon: null, value: 2 + ci + seed });
      rows.push({ cell: cell.id, seed, metric: 'score', scope: 'agent', key: 'naive', horizon: null, value: seed === 1 ? 1 : 0.5 });
      rows.push({ cell: cell.id, seed, metric: 'book_sharpe', scope: 'agent', key: 'ref@B1', horizon: null, value: 999 }); // another scope: ignored
      rows.push({ cell: cell.id, seed, metric: 'book_sharpe', scope: 'market', key: 'other@B1', horizon: null, value: 999 }); // not in groups: ignored
    }
  }
  const spec = sweep.spec.report.distributions[0]!;
  const data = distributionData(spec, sweep.axes, sweep.cells, sweep.spec.comparisons, rows);

  it('has one box per (cell, arm) with Tukey statistics of the values pooled over keys and seeds', () => {
    expect(data.arms).toEqual(['ref', 'naive']);
    expect(data.cellLabels).toEqual(['1', '2']);
    expect(data.boxes.map((b) => `${b.cellLabel}/${b.arm}`)).toEqual(['1/ref', '1/naive', '2/ref', '2/naive']);
    const r1 = data.boxes[0]!;
    // ref, cell 1: 1.11 1.21 1.31 (seed 1), 1.12 1.22 1.32 (seed 2) -> sorted 1.11 1.12 1.21 1.22 1.31 1.32
    expect(r1).toMatchObject({ n: 6, seeds: 2, items: 3, min: 1.11, max: 1.32, shareNegative: 0 });
    expect(r1.q1).toBeCloseTo(1.1425, 12); // h = 1.25: 1.12 + 0.25 * 0.09
    expect(r1.median).toBeCloseTo(1.215, 12);
    expect(r1.q3).toBeCloseTo(1.2875, 12); // h = 3.75: 1.22 + 0.75 * 0.09
    expect(r1.mean).toBeCloseTo(1.215, 12);
    // naive, cell 2: 0.09 0.19 0.29 0.08 0.18 -50 -> the -50 is beyond the lower whisker
    const n2 = data.boxes[3]!;
    expect(n2.min).toBe(-50);
    expect(n2.lo).toBeCloseTo(0.08, 12);
    expect(n2.hi).toBeCloseTo(0.29, 12);
    expect(n2.shareNegative).toBeCloseTo(1 / 6, 12);
    expect(data.outliers).toEqual([{ cell: sweep.cells[1]!.id, cellLabel: '2', arm: 'naive', value: -50, item: 'B3', seed: 2 }]);
  });

  it('pairs each arm with the control by seed: per-seed means and the summary score', () => {
    const s = data.summary.find((r) => r.cell === sweep.cells[0]!.id && r.arm === 'ref')!;
    expect(s.control).toBe('naive');
    // per-seed item means: ref 1.2 + k/100 (1.21, 1.22), naive 0.2 - k/100 (0.19, 0.18) -> diffs 1.02, 1.04
    expect(s.itemMean).toBeCloseTo(1.215, 12);
    expect(s.itemMeanSem).toBeCloseTo(0.005, 12);
    expect(s.itemMeanDiff!.meanDiff).toBeCloseTo(1.03, 12);
    expect(s.itemMeanDiff!.n).toBe(2);
    // score: ref 3, 4; naive 1, 0.5 -> diffs 2, 3.5: mean 2.75, sd 1.06066, sem 0.75, t = 3.667, CI = 2.75 +- 12.706 * 0.75
    expect(s.summaryMean).toBeCloseTo(3.5, 12);
    expect(s.summarySem).toBeCloseTo(0.5, 12);
    expect(s.summaryDiff!.meanDiff).toBeCloseTo(2.75, 12);
    expect(s.summaryDiff!.sem).toBeCloseTo(0.75, 12);
    expect(s.summaryDiff!.t).toBeCloseTo(2.75 / 0.75, 12);
    expect(s.summaryDiff!.ciLow).toBeCloseTo(2.75 - 12.7062047 * 0.75, 5);
    expect(s.summaryDiff!.ciHigh).toBeCloseTo(2.75 + 12.7062047 * 0.75, 5);
    const c = data.summary.find((r) => r.cell === sweep.cells[0]!.id && r.arm === 'naive')!;
    expect(c.control).toBeNull();
    expect(c.summaryDiff).toBeNull();
  });

  it('the vega-lite spec holds one box row per (cell, arm), facetted by cell, and renders to SVG with one bar per box', async () => {
    const vl = distributionSpec(spec, data, 's') as unknown as { data: { values: { kind: string; cellLabel: string; arm: string }[] }; facet: unknown };
    const boxes = vl.data.values.filter((v) => v.kind === 'box');
    expect(boxes.map((b) => `${b.cellLabel}/${b.arm}`).sort()).toEqual(['1/naive', '1/ref', '2/naive', '2/ref']);
    expect(vl.data.values.filter((v) => v.kind === 'outlier')).toHaveLength(1);
    expect(vl.facet).toBeDefined();
    const svg = await renderSvg(vl as never);
    expect(svg.startsWith('<svg')).toBe(true);
    // the quartile bars (the layer named `quartiles`): one path per box, in each facet cell's mark group
    const bars = [...svg.matchAll(/<g class="mark-rect role-mark quartiles_marks"[^>]*>(.*?)<\/g>/g)].map((m) => (m[1]!.match(/<path /g) ?? []).length);
    expect(bars.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('by cell: every cell is an arm, paired with its control cell of the comparisons', () => {
    const byCell = expandSweep({
      ...base,
      sweep: {
        seeds: 2,
        scopes: ['all', 'agent', 'market'],
        grid: { s: { path: 'agents[0].count', values: [1, 2] } },
        comparisons: [{ axis: 's', control: '1' }],
        report: { distributions: [{ metric: 'book_sharpe', scope: 'market', by: 'cell' }] },
      },
    });
    const d = distributionData(byCell.spec.report.distributions[0]!, byCell.axes, byCell.cells, byCell.spec.comparisons, rows);
    expect(d.arms).toEqual(['1', '2']);
    // keys are whole keys here: ref@B1..3, naive@B1..3 and other@B1 per seed
    expect(d.boxes.map((b) => [b.arm, b.n, b.items])).toEqual([
      ['1', 14, 7],
      ['2', 14, 7],
    ]);
    const t = d.summary.find((r) => r.arm === '2')!;
    expect(t.control).toBe('1');
    expect(t.itemMeanDiff!.n).toBe(2);
    expect(d.summary.find((r) => r.arm === '1')!.itemMeanDiff).toBeNull();
    const vl = distributionSpec(byCell.spec.report.distributions[0]!, d, 's') as unknown as { facet?: unknown; layer: unknown[] };
    expect(vl.facet).toBeUndefined();
    expect(vl.layer).toHaveLength(5);
  });

  it('quantiles and paired differences on small hand-computed samples', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([5], 0.9)).toBe(5);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
    const d = pairedDiff(new Map([[1, 3], [2, 5], [3, 4]]), new Map([[1, 1], [2, 2], [4, 0]]));
    expect(d).toMatchObject({ n: 2, meanDiff: 2.5 });
    expect(d!.sem).toBeCloseTo(0.5, 12);
    expect(pairedDiff(new Map([[1, 1]]), new Map([[2, 1]]))).toBeNull();
  });
});

/**
 * The sweep report: plots as SVG files and a self-contained `report.html` (inline SVG and CSS, no
 * scripts, no network) with the pi-curve, the paired table (immediacy cost beside protection, and
 * the transfer check), metrics against a 1-D axis or as a heat map over a 2-D grid (a score
 * surface), distribution plots across keys (from the per-run
 * rows of `results.parquet`) with their paired summary tables, per-cell means, failed runs and the
 * manifest. Regenerated from the files of a sweep folder by `venuelab report <dir>`.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { ErrorCode, VenuelabError } from '@venuelab/kernel';
import { outputPath, writeFileAtomic } from './files.js';
import { metricRowsFromColumns, sqlString } from './sql.js';
import {
  axisMetricSpec,
  distributionData,
  distributionSpec,
  piCurveData,
  piCurveSpec,
  renderSvg,
  surfaceData,
  surfaceSpec,
  type MetricRef,
  type PairedDiff,
  type PiCurve,
  type ResultRow,
} from './plots.js';
import type { CellStat, PairedStat } from './stats.js';
import { expandSweep, type Axis } from './sweep-spec.js';

/** What {@link writeReport} produced. */
export interface ReportOutput {
  /** Files written. */
  files: string[];
  /** The pi-curve, when the sweep configures one. */
  piCurve: PiCurve | null;
}

/** arquero's CSV parser, loaded on first use (about 0.2 s; only the report needs it). */
let fromCSV: typeof import('arquero').fromCSV | undefined;

async function readCsv(path: string): Promise<Record<string, unknown>[]> {
  fromCSV ??= (await import('arquero')).fromCSV;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new VenuelabError(ErrorCode.Io, `cannot read ${path}: is this a sweep output folder?`);
  }
  if (text.trim() === '') return [];
  return fromCSV(text, { autoType: false }).objects() as Record<string, unknown>[];
}

/**
 * The rows of a sweep's results.parquet whose metric is one of `metrics`, in file order. Read with
 * DuckDB, which reads only those rows' columns from the file: a sweep of millions of rows is not
 * loaded whole to draw a few distributions.
 */
async function readResultRows(path: string, metrics: string[]): Promise<ResultRow[]> {
  if (!existsSync(path)) throw new VenuelabError(ErrorCode.Io, `cannot read ${path}: is this a sweep output folder?`);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const r = await conn.runAndReadAll(
      `SELECT cell, CAST(seed AS DOUBLE), metric, scope, key, CAST(horizon AS DOUBLE), value FROM read_parquet(${sqlString(path)}) WHERE metric IN (${metrics.map(sqlString).join(', ')})`,
    );
    return metricRowsFromColumns(r.getColumns());
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

const num = (v: unknown) => (v === '' || v === null || v === undefined ? NaN : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f = (x: number, digits = 4) => (Number.isFinite(x) ? (Math.abs(x) >= 1000 || Number.isInteger(x) ? x.toFixed(0) : x.toPrecision(digits)) : '');

function table(header: string[], rows: (string | number)[][]): string {
  const cell = (c: string | number) => `<td>${esc(typeof c === 'number' ? f(c) : c)}</td>`;
  return `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

const refMatch = (p: { metric: string; scope: string; key: string; horizon: number | null }, r: MetricRef) =>
  p.metric === r.metric && p.scope === r.scope && p.key === r.key && p.horizon === r.horizon;

/** Writes the plots and report.html of a sweep folder (manifest.json, cells.csv, paired.csv, runs.csv). */
export async function writeReport(outDir: string): Promise<ReportOutput> {
  const manifest = JSON.parse(readFileSync(outputPath(outDir, 'manifest.json'), 'utf8')) as Record<string, unknown> & { config: Record<string, unknown> };
  const sweep = expandSweep(manifest.config);
  const cells: CellStat[] = (await readCsv(outputPath(outDir, 'cells.csv'))).map((o) => ({
    cell: str(o.cell), metric: str(o.metric), scope: str(o.scope), key: str(o.key), horizon: Number.isFinite(num(o.horizon)) ? num(o.horizon) : null,
    n: num(o.n), mean: num(o.mean), sd: num(o.sd), sem: num(o.sem),
  }));
  const paired: PairedStat[] = (await readCsv(outputPath(outDir, 'paired.csv'))).map((o) => ({
    comparison: str(o.comparison), axis: str(o.axis), control: str(o.control), treatment: str(o.treatment), cell: str(o.cell), controlCell: str(o.controlCell),
    metric: str(o.metric), scope: str(o.scope), key: str(o.key), horizon: Number.isFinite(num(o.horizon)) ? num(o.horizon) : null, n: num(o.n),
    meanTreatment: num(o.meanTreatment), meanControl: num(o.meanControl), meanDiff: num(o.meanDiff), sdDiff: num(o.sdDiff), sem: num(o.sem), t: num(o.t),
    ciLow: num(o.ciLow), ciHigh: num(o.ciHigh), shareImproved: num(o.shareImproved), better: str(o.better) === 'lower' ? 'lower' : 'higher',
  }));
  const runs = await readCsv(outputPath(outDir, 'runs.csv'));
  const failed = runs.filter((r) => str(r.status) !== 'ok');
  const files: string[] = [];
  const sections: string[] = [];
  const report = sweep.spec.report;

  let piCurve: PiCurve | null = null;
  if (report.piCurve) {
    piCurve = piCurveData(report.piCurve, sweep.axes, sweep.cells, cells, paired);
    const svg = await renderSvg(piCurveSpec(report.piCurve, piCurve));
    const p = outputPath(outDir, 'pi-curve.svg');
    writeFileAtomic(p, svg);
    files.push(p);
    const pc = report.piCurve;
    sections.push(`<h2>pi-curve</h2><figure class="plot" id="pi-curve">${svg}</figure>
<p>Protection: <code>${esc(pc.protection.metric)}</code> (${esc(pc.protection.scope)} ${esc(pc.protection.key)}); immediacy cost: <code>${esc(pc.cost.metric)}</code> (${esc(pc.cost.scope)} ${esc(pc.cost.key)}).
Gain and cost increase are paired by seed against the continuous anchor <b>${esc(piCurve.anchor ?? 'none')}</b>; score = gain - ${pc.weight} x cost increase.
${piCurve.best ? `<b>Chosen tau: ${piCurve.best.tau}</b> (${esc(piCurve.best.label)}).` : 'No tau could be chosen (missing paired rows).'}</p>
${table(['label', 'tau', 'protection (mean)', 'SEM', 'cost (mean)', 'SEM', 'paired gain', 'paired cost increase', 'score'], piCurve.points.map((p) => [p.label, p.tau, p.protection, p.protectionSem, p.cost, p.costSem, p.gain, p.costIncrease, p.score]))}
${piCurve.references.length > 0 ? `<p>References: ${piCurve.references.map((r) => `${esc(r.label)}: protection ${f(r.protection)}, cost ${f(r.cost)}`).join('; ')}</p>` : ''}`);
  }

  // Paired table: protection and cost side by side, then every role-level comparison row.
  if (paired.length > 0) {
    const focus = [report.piCurve?.protection, report.piCurve?.cost, ...report.metrics].filter((r): r is MetricRef => !!r);
    const headline = focus.length > 0 ? paired.filter((p) => focus.some((r) => refMatch(p, r))) : paired.filter((p) => p.scope === 'role' || p.scope === 'all');
    const rows = headline.slice(0, 400).map((p) => [p.comparison, p.treatment, `${p.metric}${p.horizon !== null ? ` @${p.horizon}` : ''}`, `${p.scope} ${p.key}`, p.n, p.meanControl, p.meanTreatment, p.meanDiff, p.sem, p.t, `[${f(p.ciLow)}, ${f(p.ciHigh)}]`, `${f(p.shareImproved * 100, 3)}%`]);
    sections.push(`<h2>Paired comparisons (by seed)</h2><p>Every treatment cell is paired seed by seed with its control cell; immediacy cost is shown beside protection. Full table: <code>paired.csv</code>.</p>
${table(['comparison', 'treatment', 'metric', 'group', 'n', 'control', 'treatment', 'mean diff', 'SEM', 't', '95% CI', 'seeds improved'], rows)}`);
    const transfer = paired.filter((p) => /transfer|extraction/.test(p.metric) && (p.scope === 'all' || p.scope === 'role'));
    if (transfer.length > 0) {
      sections.push(`<h2>Transfer check: prevented or relocated?</h2>
${table(['treatment', 'metric', 'group', 'control', 'treatment', 'mean diff', 'SEM', 't'], transfer.slice(0, 200).map((p) => [p.treatment, p.metric, `${p.scope} ${p.key}`, p.meanControl, p.meanTreatment, p.meanDiff, p.sem, p.t]))}`);
    }
  }

  // Per-metric plots against every axis (other axes at their first value).
  const plotted: string[] = [];
  const refs = report.metrics;
  for (const axis of sweep.axes) {
    if (sweep.axes.length > 1) continue; // 1-D grids only
    for (const [i, ref] of refs.entries()) {
      const spec = axisMetricSpec(axis, ref, sweep.cells, cells);
      if (!spec) continue;
      const svg = await renderSvg(spec);
      const p = outputPath(outDir, `metric-${i + 1}-${axis.name}.svg`);
      writeFileAtomic(p, svg);
      files.push(p);
      plotted.push(`<figure class="plot">${svg}</figure>`);
    }
  }
  if (plotted.length > 0) sections.push(`<h2>Metrics by ${esc(sweep.axes[0]!.name)}</h2>${plotted.join('\n')}`);

  // Over a 2-D grid, each metric as a heat map (a parameter sweep's score surface).
  if (sweep.axes.length === 2) {
    const [rows, cols] = sweep.axes as [Axis, Axis];
    const surfaces: string[] = [];
    for (const [i, ref] of refs.entries()) {
      const spec = surfaceSpec(rows, cols, ref, surfaceData(rows, cols, ref, sweep.cells, cells), sweep.spec.better[ref.metric] ?? 'higher');
      if (!spec) continue;
      const svg = await renderSvg(spec);
      const p = outputPath(outDir, `metric-${i + 1}-surface.svg`);
      writeFileAtomic(p, svg);
      files.push(p);
      surfaces.push(`<figure class="plot" id="surface-${i + 1}">${svg}</figure>`);
    }
    if (surfaces.length > 0) {
      sections.push(`<h2>Metrics over ${esc(rows.name)} x ${esc(cols.name)}</h2><p>Mean across seeds in every cell, standard error in brackets; the best cell is outlined. Per-cell values: <code>cells.csv</code>.</p>${surfaces.join('\n')}`);
    }
  }

  // Distributions of a metric across keys (e.g. per-book Sharpe), arms side by side, with the paired summary.
  if (report.distributions.length > 0) {
    const results = await readResultRows(outputPath(outDir, 'results.parquet'), [...new Set(report.distributions.flatMap((d) => (d.summary ? [d.metric, d.summary.metric] : [d.metric])))]);
    const axisName = sweep.axes.length === 0 ? 'cell' : sweep.axes.map((a) => a.name).join(' / ');
    const parts: string[] = [];
    const ci = (d: PairedDiff | null) => (d ? `${f(d.meanDiff)} [${f(d.ciLow)}, ${f(d.ciHigh)}]` : '');
    const pm = (m: number, sem: number) => (Number.isFinite(m) ? `${f(m)} +- ${Number.isFinite(sem) ? f(sem, 2) : '?'}` : '');
    for (const [i, d] of report.distributions.entries()) {
      const data = distributionData(d, sweep.axes, sweep.cells, sweep.spec.comparisons, results);
      const spec = distributionSpec(d, data, axisName);
      if (!spec) {
        parts.push(`<p>No rows of <code>${esc(d.metric)}</code> (scope ${esc(d.scope)}${d.by === 'agent' ? `, keys <code>&lt;agent&gt;${esc(d.separator)}&lt;key&gt;</code>${d.groups ? ` of ${esc(d.groups.join(', '))}` : ''}` : ''}) in <code>results.csv</code>.</p>`);
        continue;
      }
      const svg = await renderSvg(spec);
      const p = outputPath(outDir, `distribution-${i + 1}.svg`);
      writeFileAtomic(p, svg);
      files.push(p);
      const byBox = new Map(data.boxes.map((b) => [`${b.cell}\u0000${b.arm}`, b]));
      const sl = d.summary ? (d.summary.label ?? d.summary.metric) : null;
      const header = [axisName, 'arm', 'seeds', 'keys', 'median [IQR]', 'share < 0', 'per-seed mean (+- SEM)', 'paired diff [95% CI]'];
      if (sl) header.push(`${sl} (+- SEM)`, `${sl}: paired diff [95% CI]`, 't', 'vs');
      else header.push('vs');
      const rows = data.summary.map((r) => {
        const b = byBox.get(`${r.cell}\u0000${r.arm}`)!;
        const row: (string | number)[] = [b.cellLabel, r.arm, b.seeds, b.items, `${f(b.median)} [${f(b.q1)}, ${f(b.q3)}]`, f(b.shareNegative, 3), pm(r.itemMean, r.itemMeanSem), ci(r.itemMeanDiff)];
        if (sl) row.push(pm(r.summaryMean, r.summarySem), ci(r.summaryDiff), r.summaryDiff ? r.summaryDiff.t : '');
        row.push(r.control ?? '');
        return row;
      });
      parts.push(`<div class="dist"><figure class="plot" id="distribution-${i + 1}">${svg}</figure><div>
<p>Distribution of <code>${esc(d.metric)}</code> (scope ${esc(d.scope)}) across keys, ${d.by === 'agent' ? `arms = the agent in <code>&lt;agent&gt;${esc(d.separator)}&lt;key&gt;</code>` : 'arms = cells'}.
Per-seed mean: the mean over keys within a run; mean +- SEM across seeds. Paired differences (arm - control, seed by seed) with a Student-t 95% CI.</p>
${table(header, rows)}</div></div>`);
    }
    sections.push(`<h2>Distributions across keys</h2>${parts.join('\n')}`);
  }

  const cellRows = cells.filter((c) => c.scope === 'role' || c.scope === 'all').slice(0, 600).map((c) => [c.cell, `${c.metric}${c.horizon !== null ? ` @${c.horizon}` : ''}`, `${c.scope} ${c.key}`, c.n, c.mean, c.sem]);
  sections.push(`<h2>Per-cell means</h2><details><summary>${cellRows.length} role-level rows (all rows in <code>cells.csv</code>)</summary>${table(['cell', 'metric', 'group', 'n', 'mean', 'SEM'], cellRows)}</details>`);
  if (failed.length > 0) sections.push(`<h2>Failed runs (${failed.length})</h2>${table(['cell', 'seed', 'error'], failed.map((r) => [str(r.cell), str(r.seed), str(r.error)]))}`);
  sections.push(`<h2>Manifest</h2><details><summary>config, versions, hash, wall time</summary><pre>${esc(JSON.stringify(manifest, null, 2))}</pre></details>`);

  const runsInfo = manifest.runs as { total?: number; ok?: number; failed?: number } | undefined;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>venuelab report: ${esc(String(manifest.name ?? sweep.id))}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:right}
th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}figure.plot{margin:1rem 0;max-width:100%;overflow-x:auto}pre{background:#f8f8f8;padding:1rem;overflow:auto;font-size:.8rem}
.summary{background:#f4f8fb;padding:.8rem 1rem;border-radius:6px}
.dist{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.dist>div{flex:1 1 360px;min-width:0}.dist table{font-size:.8rem}
</style></head><body>
<h1>${esc(String(manifest.name ?? 'sweep'))}</h1>
<p class="summary">Sweep <code>${esc(sweep.id)}</code>: ${sweep.cells.length} cells x ${sweep.seeds.length} seeds; runs ok ${runsInfo?.ok ?? '?'} of ${runsInfo?.total ?? '?'}, failed ${runsInfo?.failed ?? 0}.
Comparisons are paired by seed (common random numbers); every table shows the uncertainty (SEM, t, 95% CI).</p>
${sections.join('\n')}
</body></html>
`;
  const p = outputPath(outDir, 'report.html');
  writeFileAtomic(p, html);
  files.push(p);
  return { files, piCurve };
}

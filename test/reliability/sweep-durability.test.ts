/**
 * Sweeps under faults (issue 10):
 * - a sweep with faulty plugins (a metric returning NaN or throwing, an agent throwing, an agent
 *   whose events never end under a wall-time guardrail, an agent stuck in an endless loop inside one
 *   event, stopped by the executor's watchdog) carries on, records every failure in the
 *   store, runs.csv and report.html, and the CLI exits 3 with a summary;
 * - a sweep killed with SIGKILL at several random points and resumed each time loses no completed
 *   run, duplicates none, leaves no temporary or partial file, its DuckDB store opens cleanly after
 *   every kill, and its results equal an uninterrupted sweep's.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandSweep, readConfigFile, ResultsStore } from '@venuelab/experiment';

const root = join(import.meta.dirname, '../..');
const cli = join(root, 'packages/cli/bin/venuelab.js');
const fixtures = join(root, 'test/fixtures');

function writeConfig(c: Record<string, any>): string {
  const dir = mkdtempSync(join(tmpdir(), 'venuelab-rel-'));
  const p = join(dir, 'experiment.json');
  writeFileSync(p, JSON.stringify(c, null, 2));
  return p;
}

function quickstart(): Record<string, any> {
  const c = readConfigFile(join(root, 'examples/quickstart/experiment.yaml')) as Record<string, any>;
  c.duration = 400;
  c.agents[0].count = 8;
  c.metrics = [{ id: 'pnl', plugin: '@venuelab/plugin-metric-pnl' }];
  return c;
}

const outDir = () => mkdtempSync(join(tmpdir(), 'venuelab-rel-out-'));

/** Runs the CLI; optionally kills it with SIGKILL once a progress line reports `done >= killAt`. */
function sweepCli(args: string[], killAt?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'sweep', ...args, '--progress-lines'], { cwd: root });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (killAt === undefined || killed) return;
      for (const m of d.toString().matchAll(/done=(\d+)/g)) {
        if (Number(m[1]) >= killAt) {
          killed = true;
          child.kill('SIGKILL');
          break;
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Parses a CSV strictly (quoted fields, doubled quotes); throws on a ragged or unterminated file. */
function parseCsv(text: string): string[][] {
  if (!text.endsWith('\n')) throw new Error('CSV does not end with a newline (truncated?)');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new Error('CSV has an unterminated quote');
  const width = rows[0]!.length;
  rows.forEach((r, i) => {
    if (r.length !== width) throw new Error(`CSV row ${i} has ${r.length} fields, the header ${width}`);
  });
  return rows;
}

/** Objects from a CSV. */
function csvObjects(path: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
}

/** Opens the store (DuckDB) and reads what it holds; fails if it does not open cleanly. */
async function inspectStore(dir: string, cfg: string): Promise<{ ok: Set<string>; dupRuns: number; dupMetrics: number; failed: { cell: string; seed: number; error: string }[] }> {
  const sweepId = expandSweep(readConfigFile(cfg) as Record<string, unknown>).id;
  const store = await ResultsStore.open(join(dir, 'results.duckdb'));
  try {
    const runs = await store.runs(sweepId);
    const metrics = await store.metricRows(sweepId);
    const dups = (keys: string[]) => keys.length - new Set(keys).size;
    return {
      ok: new Set(runs.filter((r) => r.status === 'ok').map((r) => `${r.cell}|${r.seed}`)),
      dupRuns: dups(runs.map((r) => `${r.cell}|${r.seed}`)),
      dupMetrics: dups(metrics.map((m) => `${m.cell}|${m.seed}|${m.metric}|${m.scope}|${m.key}|${m.horizon}`)),
      failed: runs.filter((r) => r.status !== 'ok').map((r) => ({ cell: r.cell, seed: r.seed, error: r.error })),
    };
  } finally {
    await store.close();
  }
}

/** No temporary file anywhere under the folder, and every CSV parses. */
function checkNoPartialFiles(dir: string): void {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  const files = walk(dir);
  expect(files.filter((f) => /\.tmp-/.test(f))).toEqual([]);
  for (const f of files.filter((x) => x.endsWith('.csv'))) expect(() => parseCsv(readFileSync(f, 'utf8')), f).not.toThrow();
}

describe('sweeps with faulty plugins', () => {
  it('carry on, record each failure in the store, runs.csv and report.html, and exit 3 with a summary', async () => {
    const c = quickstart();
    c.agents.push({ id: 'faulty', plugin: join(fixtures, 'faulty-agent.ts'), count: 1, config: { mode: 'spin', at: 30 } });
    c.metrics.push({ id: 'faultyMetric', plugin: join(fixtures, 'faulty-metric.ts'), config: { mode: 'ok' } });
    c.guardrails = { maxWallMs: 500 };
    // cells (an agent fault scheduled after the end of the run is no fault): everything fine; a NaN metric; a throwing metric; a throwing agent; an agent whose events never end
    c.sweep = {
      seeds: 2,
      grid: {
        fault: {
          values: {
            none: { 'agents[1].config.mode': 'throw', 'agents[1].config.at': 1000000000, 'metrics[1].config.mode': 'ok' },
            metricNaN: { 'agents[1].config.mode': 'throw', 'agents[1].config.at': 1000000000, 'metrics[1].config.mode': 'nan' },
            metricThrow: { 'agents[1].config.mode': 'throw', 'agents[1].config.at': 1000000000, 'metrics[1].config.mode': 'throw' },
            agentThrow: { 'agents[1].config.mode': 'throw', 'metrics[1].config.mode': 'ok' },
            agentSpin: { 'agents[1].config.mode': 'spin', 'metrics[1].config.mode': 'ok' },
            agentNaN: { 'agents[1].config.mode': 'nan', 'metrics[1].config.mode': 'ok' },
            agentLoop: { 'agents[1].config.mode': 'loop', 'metrics[1].config.mode': 'ok' },
          },
        },
      },
    };
    const cfg = writeConfig(c);
    const dir = outDir();
    const r = await sweepCli([cfg, '--out', dir, '--workers', '1']);
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/failed: cell/);
    const runs = csvObjects(join(dir, 'runs.csv'));
    expect(runs).toHaveLength(14);
    const byCell = (cell: string) => runs.filter((x) => x.cell.includes(cell));
    for (const x of byCell('none')) expect(x.status).toBe('ok');
    const expectations: [string, RegExp][] = [
      ['metricNaN', /VL_ERR_NON_FINITE|metric .*faulty-metric.* produced NaN for faulty_value/],
      ['metricThrow', /faulty-metric.*failed during collect/],
      ['agentThrow', /faulty-agent.*failed during run at t=30/],
      ['agentNaN', /faulty-agent.*failed during run at t=30.*(NaN|Infinity)/],
      ['agentSpin', /guardrail maxWallMs=500 hit at t=30/],
      // stuck inside one event: the executor's watchdog stops the worker thread and names the component
      ['agentLoop', /guardrail maxWallMs: the run did not return within 5500 ms .*stuck inside one event of component "faulty" \(agents\[1\], plugin .*faulty-agent\.ts\) at t=30/],
    ];
    for (const [cell, re] of expectations) {
      const rows = byCell(cell);
      expect(rows, cell).toHaveLength(2);
      for (const x of rows) {
        expect(x.status, cell).toBe('failed');
        expect(x.error, cell).toMatch(re);
        expect(x.error, cell).toContain(`seed ${x.seed}`);
      }
    }
    const store = await inspectStore(dir, cfg);
    expect(store.ok.size).toBe(2);
    expect(store.failed).toHaveLength(12);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Failed runs (12)');
    checkNoPartialFiles(dir);
  }, 300_000);
});

describe('durability', () => {
  it('a sweep killed with SIGKILL at 5+ random points and resumed each time loses nothing, duplicates nothing and leaves no partial file', async () => {
    const c = quickstart();
    c.sweep = { seeds: 7, grid: { share: { path: 'agents[0].config.marketShare', values: [0.1, 0.4] } }, comparisons: [{ axis: 'share', control: '0.1' }] };
    const cfg = writeConfig(c);
    const total = 14;
    const full = outDir();
    const clean = await sweepCli([cfg, '--out', full, '--workers', '1']);
    expect(clean.code, clean.stderr).toBe(0);

    // kill points: 5 distinct done-counts drawn with a fixed seed, then one at the final progress line (exports being written)
    const points = [...fc.sample(fc.uniqueArray(fc.integer({ min: 1, max: total - 1 }), { minLength: 5, maxLength: 5 }), { seed: 1011, numRuns: 1 })[0]!].sort((a, b) => a - b);
    points.push(total);
    const dir = outDir();
    let before = new Set<string>();
    let kills = 0;
    for (const [i, at] of points.entries()) {
      const r = await sweepCli([cfg, '--out', dir, '--workers', '1', ...(i > 0 ? ['--resume'] : [])], at);
      if (r.signal === 'SIGKILL') kills++;
      else expect(r.code, r.stderr).toBe(0); // finished before the kill point was reached (only possible for the last)
      if (!existsSync(join(dir, 'results.duckdb'))) continue;
      const s = await inspectStore(dir, cfg);
      expect(s.dupRuns).toBe(0);
      expect(s.dupMetrics).toBe(0);
      for (const k of before) expect(s.ok.has(k), `completed run ${k} lost after kill ${i}`).toBe(true);
      before = s.ok;
      // every CSV present parses (exports are written by rename, never in place)
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv'))) expect(() => parseCsv(readFileSync(join(dir, f), 'utf8')), f).not.toThrow();
    }
    expect(kills).toBeGreaterThanOrEqual(5);
    const last = await sweepCli([cfg, '--out', dir, '--workers', '1', '--resume']);
    expect(last.code, last.stderr).toBe(0);
    const s = await inspectStore(dir, cfg);
    expect(s.ok.size).toBe(total);
    expect(s.dupRuns).toBe(0);
    expect(s.dupMetrics).toBe(0);
    checkNoPartialFiles(dir);
    for (const f of ['results.csv', 'cells.csv', 'paired.csv', 'runs.csv']) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(full, f), 'utf8'));
  }, 900_000);
});

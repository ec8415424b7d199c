/**
 * `venuelab sweep <config>`: runs every seed under every grid cell on all cores.
 * @module
 */
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { ErrorCode, VenuelabError } from '@venuelab/kernel';
import { findProjectRoot, runSweep, writeReport, type Executor, type PairedStat, type SweepOutcome, type SweepProgress } from '@venuelab/experiment';
import { fmt, textTable } from './format.js';
import type { Io } from './commands.js';

/** Exit code of a sweep in which some runs failed (the others are stored and exported). */
export const EXIT_RUNS_FAILED = 3;

function stamp(): string {
  return new Date().toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
}

/** A progress bar for sweeps: runs done, failed, in flight, rate and time left. */
export class SweepBar {
  private bar: cliProgress.SingleBar | null = null;
  private readonly t0 = Date.now();
  private firstDone = -1;
  private last: SweepProgress | null = null;
  private workersSeen = 0;
  private lastLine = '';

  /**
   * @param enabled - show a bar
   * @param lines - instead of a bar, print one machine-readable line per update (`progress done=.. total=.. failed=.. inflight=..`)
   * @param workers - also show the workers seen (distributed sweeps; see {@link SweepBar.setWorkers})
   */
  constructor(
    private readonly enabled: boolean,
    private readonly lines = false,
    private readonly workers = false,
  ) {}

  /** Sets the number of distributed workers seen so far. */
  setWorkers = (seen: number): void => {
    if (seen === this.workersSeen) return;
    this.workersSeen = seen;
    if (this.last) this.update(this.last);
  };

  update = (p: SweepProgress): void => {
    this.last = p;
    if (this.lines) {
      // One line per finished run (or change of workers seen), not per run started.
      const key = `${p.done} ${p.failed} ${this.workersSeen}`;
      if (key === this.lastLine) return;
      this.lastLine = key;
      process.stderr.write(`progress done=${p.done} total=${p.total} failed=${p.failed} inflight=${Math.max(0, p.inFlight)}${this.workers ? ` workers=${this.workersSeen}` : ''}\n`);
      return;
    }
    if (!this.enabled) return;
    if (this.firstDone < 0) this.firstDone = p.done;
    const elapsed = (Date.now() - this.t0) / 1000;
    const rate = elapsed > 0 ? (p.done - this.firstDone) / elapsed : 0;
    const left = rate > 0 ? (p.total - p.done) / rate : NaN;
    const payload = { failed: p.failed, inflight: Math.max(0, p.inFlight), workers: this.workersSeen, rate: rate.toFixed(2), left: Number.isFinite(left) ? `${Math.ceil(left)}s` : '?' };
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        {
          format: `sweep [{bar}] {value}/{total} runs | failed {failed} | in flight {inflight}${this.workers ? ' | workers seen {workers}' : ''} | {rate} runs/s | left {left}`,
          stream: process.stderr,
          noTTYOutput: true,
          notTTYSchedule: 5000,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(p.total, p.done, payload);
    } else this.bar.update(p.done, payload);
  };

  stop(): void {
    this.bar?.stop();
  }
}

/** The headline rows of a sweep's paired table: scope `role` rows of the compared metrics. */
export function pairedTable(paired: PairedStat[], filter: (p: PairedStat) => boolean = () => true): string {
  const rows = paired.filter(filter).map((p) => [
    p.comparison,
    p.treatment,
    `${p.metric}${p.horizon !== null ? `@${p.horizon}` : ''}`,
    `${p.scope}:${p.key}`,
    p.n,
    fmt(p.meanControl),
    fmt(p.meanTreatment),
    fmt(p.meanDiff),
    fmt(p.sem),
    Number.isFinite(p.t) ? p.t.toFixed(1) : '',
    `${(p.shareImproved * 100).toFixed(0)}%`,
  ]);
  return textTable(['comparison', 'treatment', 'metric', 'group', 'n', 'control', 'treatment', 'diff', 'SEM', 't', 'improved'], rows);
}

/** Prints a sweep's closing summary: the pi-curve (when configured), the focus comparisons, failures. */
export function printSweepSummary(io: Io, o: SweepOutcome): void {
  io.out(`sweep ${o.id}: ${o.total} runs (${o.sweep.cells.length} cells x ${o.sweep.seeds.length} seeds), ${o.ok} ok, ${o.failed.length} failed, ${o.skipped} resumed, ${(o.wallMs / 1000).toFixed(1)} s`);
  const report = o.sweep.spec.report;
  const same = (p: PairedStat, r: { metric: string; scope: string; key: string; horizon: number | null }) =>
    p.metric === r.metric && p.scope === r.scope && p.key === r.key && p.horizon === r.horizon;
  if (report.piCurve && o.piCurve) {
    const pc = report.piCurve;
    const anchor = o.piCurve.anchor ?? '';
    const rows = o.piCurve.points.map((pt) => {
      const prot = o.paired.find((p) => p.treatment === pt.label && p.control === anchor && same(p, pc.protection));
      const cost = o.paired.find((p) => p.treatment === pt.label && p.control === anchor && same(p, pc.cost));
      return [
        pt.label,
        pt.tau,
        `${fmt(pt.protection)} +- ${fmt(pt.protectionSem)}`,
        prot ? `${fmt(prot.meanDiff)} +- ${fmt(prot.sem)}` : '',
        prot && Number.isFinite(prot.t) ? prot.t.toFixed(1) : '',
        prot ? `${Math.round(prot.shareImproved * prot.n)}/${prot.n}` : '',
        `${fmt(pt.cost)} +- ${fmt(pt.costSem)}`,
        cost ? `${fmt(cost.meanDiff)} +- ${fmt(cost.sem)}` : '',
      ];
    });
    io.out(`\npi-curve: protection = ${pc.protection.label ?? pc.protection.metric}; immediacy cost = ${pc.cost.label ?? pc.cost.metric}; paired by seed against ${anchor}`);
    io.out(textTable(['mechanism', 'tau', 'protection', 'paired diff vs ' + anchor, 't', 'seeds improved', 'immediacy cost', 'paired cost increase'], rows));
    for (const label of pc.references) {
      const ref = o.piCurve.references.find((r) => r.label === label);
      io.out(`reference ${label}: ${ref ? `protection ${fmt(ref.protection)}, cost ${fmt(ref.cost)}` : 'no protection row (its liquidity provider may not be the LP role, e.g. a pool)'}`);
    }
    const best = o.piCurve.best;
    if (best) {
      const p = o.paired.find((x) => x.treatment === best.label && x.control === anchor && same(x, pc.protection));
      io.out(
        `FBA vs ${anchor}: LP protection gain ${p ? `${fmt(p.meanDiff)} +- ${fmt(p.sem)} (SEM, n=${p.n}, t=${p.t.toFixed(1)})` : fmt(best.gain)} at the chosen tau = ${best.tau} (${best.label}), ` +
          `which maximises gain - ${pc.weight} x immediacy cost increase (${fmt(best.costIncrease)})`,
      );
    }
  } else if (o.paired.length > 0) {
    const focus = report.metrics;
    const headline = focus.length > 0 ? o.paired.filter((p) => focus.some((r) => same(p, r))) : o.paired.filter((p) => p.scope === 'role' || p.scope === 'all');
    const shown = headline.slice(0, 40);
    io.out(pairedTable(shown));
    if (headline.length > shown.length) io.out(`(${headline.length - shown.length} more rows in paired.csv)`);
  }
  for (const f of o.failed.slice(0, 20)) io.err(`failed: cell ${f.cell} seed ${f.seed}: ${f.error}`);
  if (o.failed.length > 20) io.err(`... and ${o.failed.length - 20} more failed runs (see runs.csv)`);
}

/** Registers the `report` command. */
export function registerReport(program: Command, io: Io): void {
  program
    .command('report')
    .description('write plots and a self-contained report.html for a sweep output folder')
    .argument('<dir>', 'a sweep output folder (with manifest.json, cells.csv, paired.csv, runs.csv)')
    .action(async (dir: string) => {
      const out = await writeReport(resolve(dir));
      for (const f of out.files) io.out(`wrote ${f}`);
      if (out.piCurve?.best) io.out(`chosen tau: ${out.piCurve.best.tau} (${out.piCurve.best.label})`);
    });
}

/** Options of the `sweep` command. */
interface SweepCommandOptions {
  out?: string;
  workers?: number;
  resume?: boolean;
  seeds?: number;
  quiet?: boolean;
  progressLines?: boolean;
  backend?: string;
  redisPassword?: string;
  redisCa?: string;
}

/** Registers the `sweep` command. */
export function registerSweep(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('sweep')
    .description('run every seed under every grid cell of a config on all cores, with paired statistics')
    .argument('<config>', 'experiment config with a sweep section (YAML or JSON)')
    .option('--out <dir>', 'output folder (default: results/<name>-<timestamp>)')
    .option('--workers <n>', 'worker threads (default: one per core)', (v) => Number.parseInt(v, 10))
    .option('--resume', 'skip runs already stored in the output folder')
    .option('--seeds <n>', 'override the number of seeds (1..n)', (v) => Number.parseInt(v, 10))
    .option('--quiet', 'no progress bar')
    .option('--progress-lines', 'print one machine-readable progress line per finished run instead of a bar')
    .option('--backend <url>', 'run on `venuelab worker` processes through Redis: redis://host:port[/db] or rediss://... (default: worker threads here)')
    .option('--redis-password <password>', 'Redis password for --backend (default: the URL\'s, else $VENUELAB_REDIS_PASSWORD)')
    .option('--redis-ca <file>', 'PEM certificate authority for a rediss:// --backend (default: $VENUELAB_REDIS_CA, else the system CAs)')
    .action(async (config: string, opts: SweepCommandOptions) => {
      const root = findProjectRoot(process.cwd()) ?? process.cwd();
      const name = config.replace(/\\/g, '/').split('/').slice(-2, -1)[0] ?? 'sweep';
      const outDir = resolve(opts.out ?? `${root}/results/${name}-${stamp()}`);
      const bar = new SweepBar(!opts.quiet, opts.progressLines, opts.backend !== undefined);
      let executor: Executor | undefined;
      if (opts.backend !== undefined) {
        if (!/^rediss?:\/\//.test(opts.backend)) throw new VenuelabError(ErrorCode.Config, `--backend expects redis://host:port[/db] or rediss://..., got "${opts.backend}"`);
        const { redisExecutor } = await import('@venuelab/experiment/redis-executor');
        executor = redisExecutor({ url: opts.backend, password: opts.redisPassword, caFile: opts.redisCa, onWorkers: (w) => bar.setWorkers(w.seen), onNotice: (m) => io.err(m) });
      }
      let outcome: SweepOutcome;
      try {
        outcome = await runSweep(config, {
          outDir,
          executor,
          workers: opts.workers,
          resume: opts.resume,
          seeds: opts.seeds ? Array.from({ length: opts.seeds }, (_, i) => i + 1) : undefined,
          onProgress: bar.update,
        });
      } finally {
        bar.stop();
      }
      printSweepSummary(io, outcome);
      io.out(`files: ${outcome.files.map((f) => f.slice(outDir.length + 1)).join(', ')}`);
      io.out(`results: ${outDir}`);
      if (outcome.failed.length > 0) setExit(EXIT_RUNS_FAILED);
    });
}

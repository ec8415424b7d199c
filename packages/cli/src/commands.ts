/**
 * The venuelab command line: `run`, `validate`, `plugins`.
 * @module
 */
import { Command, CommanderError } from 'commander';
import { resolve } from 'node:path';
import { ConfigError, formatIssue, isVenuelabError, PluginRunError } from '@venuelab/kernel';
import { findProjectRoot, loadExperiment, runExperiment } from '@venuelab/experiment';
import { listPlugins } from './discover.js';
import { fmt, textTable } from './format.js';
import { RunProgress } from './progress.js';
import { registerReport, registerSweep } from './sweep-command.js';
import { registerWorker } from './worker-command.js';
import { registerNew } from './new-command.js';

/** Where the CLI writes. Replaceable in tests. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
};

function parseSeed(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new CommanderError(2, 'venuelab.seed', `--seed expects an integer, got "${v}"`);
  return n;
}

/** A number for the summary table: '-' where it was not computed. */
function fmtNumber(v: number): string {
  return Number.isFinite(v) ? fmt(v) : '-';
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
}

/** Builds the commander program. `setExit` receives a non-zero exit code from commands that finish but report failures. */
export function buildProgram(io: Io = defaultIo, setExit: (code: number) => void = () => {}): Command {
  const program = new Command();
  program
    .name('venuelab')
    .description('Agent-based experiments on market mechanisms')
    .version('0.1.0')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  program
    .command('run')
    .description('run one experiment config with one seed and write its files')
    .argument('<config>', 'experiment config (YAML or JSON)')
    .option('--seed <n>', 'root seed (default: the config seed)', parseSeed)
    .option('--out <dir>', 'output folder (default: results/<name>-seed<seed>-<timestamp>)')
    .option('--quiet', 'no progress bar')
    .action(async (config: string, opts: { seed?: number; out?: string; quiet?: boolean }) => {
      const exp = await loadExperiment(config, { seed: opts.seed });
      const seed = opts.seed ?? exp.config.seed;
      const root = findProjectRoot(process.cwd()) ?? process.cwd();
      const outDir = resolve(opts.out ?? `${root}/results/${exp.config.name}-seed${seed}-${timestamp()}`);
      const progress = new RunProgress(!opts.quiet);
      let result;
      try {
        result = await runExperiment(exp, { seed, outDir, onProgress: progress.update });
      } finally {
        progress.stop();
      }
      const s = result.record.stats;
      io.out(`${exp.config.name}: seed ${seed}, ${result.record.duration} ticks, ${s.events} events, ${s.fills} fills, ${s.messages} messages in ${(s.wallMs / 1000).toFixed(2)} s (${Math.round(s.events / Math.max(s.wallMs / 1000, 1e-9)).toLocaleString('en-US')} events/s)`);
      io.out(
        textTable(
          ['role', 'agents', 'fill legs', 'volume (lots)', 'net (lots)'],
          result.roles.map((r) => [r.role, r.participants, r.fills, r.volume, r.net]),
        ),
      );
      if (result.metrics.length > 0) {
        io.out(
          textTable(
            ['role', 'volume (lots)', 'PnL truth (tick-lots)', 'markout D=0 truth (tick-lots)', 'eff. spread (bps)'],
            result.roleMetrics.map((r) => [r.role, fmtNumber(r.volume), fmtNumber(r.pnlTruth), fmtNumber(r.markoutTruth0), fmtNumber(r.effectiveSpread * 1e4)]),
          ),
        );
        const residual = result.metrics.find((m) => m.metric === 'conservation_residual' && m.scope === 'all');
        if (residual) io.out(`conservation residual: ${residual.value.toExponential(2)} tick-lots`);
      }
      io.out(`files: ${result.files.map((f) => f.slice(outDir.length + 1)).join(', ')}`);
      io.out(`results: ${outDir}`);
    });

  program
    .command('validate')
    .description('check an experiment config and every plugin it names, without running it')
    .argument('<config>', 'experiment config (YAML or JSON)')
    .action(async (config: string) => {
      const exp = await loadExperiment(config);
      const agents = exp.config.agents.reduce((n, a) => n + a.count, 0);
      io.out(`ok: ${exp.config.name} (${exp.plugins.size} plugins, ${exp.config.venues.length} venues, ${agents} agents)`);
    });

  program
    .command('plugins')
    .description('list installed plugins with kind, version and config schema')
    .option('--json', 'print a JSON array of { package, id, kind, version, schema }')
    .action(async (opts: { json?: boolean }) => {
      const root = findProjectRoot(process.cwd()) ?? process.cwd();
      const { plugins, problems } = await listPlugins(root);
      if (opts.json) io.out(JSON.stringify(plugins, null, 2));
      else {
        io.out(textTable(['package', 'id', 'kind', 'version', 'description'], plugins.map((p) => [p.package, p.id, p.kind, p.version, p.description])));
        for (const p of plugins) {
          const props = (p.schema as { properties?: Record<string, { type?: unknown; default?: unknown; description?: string }> }).properties ?? {};
          io.out(`\n${p.package} config:`);
          for (const [k, v] of Object.entries(props)) {
            const def = v.default !== undefined ? ` = ${JSON.stringify(v.default)}` : '';
            io.out(`  ${k}: ${String(v.type ?? 'any')}${def}${v.description ? `  (${v.description})` : ''}`);
          }
        }
      }
      for (const p of problems) io.err(`warning: ${p}`);
    });

  registerSweep(program, io, setExit);
  registerReport(program, io);
  registerWorker(program, io);
  registerNew(program, io);
  return program;
}

/** Runs the CLI with arguments; returns the exit code. Errors become messages, never stack traces. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exit = 0;
  const program = buildProgram(io, (code) => (exit = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      if (e.code === 'venuelab.seed') io.err(e.message);
      return e.exitCode || 2;
    }
    if (e instanceof ConfigError) {
      for (const issue of e.issues) io.err(formatIssue(issue));
      io.err(`${e.issues.length} problem${e.issues.length === 1 ? '' : 's'} found`);
      return 2;
    }
    if (e instanceof PluginRunError || isVenuelabError(e)) {
      io.err(`${e.code}: ${e.message}`);
      return 1;
    }
    io.err(`error: ${(e as Error)?.message ?? String(e)}`);
    if (process.env.VENUELAB_DEBUG) io.err(String((e as Error)?.stack));
    return 1;
  }
}

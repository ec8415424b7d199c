/**
 * Measures one rmsc-lite run (the child process of bench/rmsc-lite.bench.ts): reads ../experiment.yaml, imports its
 * plugins by package name (only the kernel and the plugins are loaded: no DuckDB, no report
 * stack), runs one seed in this process without writing files, and prints one JSON line with
 * events, fills, messages, the event loop's wall time, the whole run's time (build + run +
 * collect), the CPU time of the whole run (user + system: less sensitive to a loaded machine than wall
 * time) and the peak RSS in kB: the `VmHWM` line of /proc/self/status where there is one (the
 * high-water mark of this process's own address space; `getrusage`'s maxRSS is not, on Linux: a
 * child created by fork and exec inherits the parent's maximum, so a child of a large benchmark
 * process would report the parent's size), else `process.resourceUsage().maxRSS`.
 * With `--again K` it then runs the same day K more times in this process and adds their event-loop
 * wall times (`againLoopMs`): the speed of a warm process, as in a sweep worker that has run a few
 * seeds. Every other figure is the first (cold) run's, read before the repeats.
 * Usage: tsx examples/rmsc-lite/scripts/measure.ts [--seed N] [--hours H] [--again K]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { executeRun, type ComponentSpec, type PluginDefinition, type RunSpec } from '@venuelab/kernel';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const seed = opt('--seed', 0);
const hours = opt('--hours', 6.5);
const again = opt('--again', 0);
const here = dirname(fileURLToPath(import.meta.url));
interface Comp {
  id?: string;
  plugin: string;
  config?: unknown;
  count?: number;
  latency?: unknown;
}
const cfg = parse(readFileSync(join(here, '..', 'experiment.yaml'), 'utf8')) as {
  duration: number;
  tiePolicy: RunSpec['tiePolicy'];
  markets: RunSpec['markets'];
  recording: RunSpec['recording'];
  truth: Comp;
  venues: Comp[];
  agents: Comp[];
};
const comp = async (c: Comp, path: string): Promise<ComponentSpec> => ({
  id: c.id ?? path,
  plugin: ((await import(c.plugin)) as { default: PluginDefinition }).default,
  packageName: c.plugin,
  config: c.config ?? {},
  count: c.count,
  latency: c.latency,
  path,
});
const spec: RunSpec = {
  seed,
  duration: Math.round(hours * 3_600_000),
  tiePolicy: cfg.tiePolicy,
  markets: cfg.markets.map((m) => ({ ...m, kind: m.kind ?? 'price' })),
  recording: cfg.recording,
  truth: await comp(cfg.truth, 'truth'),
  venues: await Promise.all(cfg.venues.map((v, i) => comp(v, `venues[${i}]`))),
  agents: await Promise.all(cfg.agents.map((a, i) => comp(a, `agents[${i}]`))),
  metrics: [],
};
const c0 = process.cpuUsage();
const t0 = performance.now();
const { record } = executeRun(spec);
const totalMs = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const s = record.stats;
/** Peak resident set of this process in kB (see the module comment). */
function peakRssKb(): number {
  const status = '/proc/self/status';
  const hwm = existsSync(status) ? /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(status, 'utf8')) : null;
  return hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS;
}
const cold = { seed, hours, events: s.events, fills: s.fills, messages: s.messages, loopMs: s.wallMs, totalMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: peakRssKb() };
const againLoopMs: number[] = [];
for (let k = 0; k < again; k++) {
  const r = executeRun(spec).record.stats;
  if (r.events !== s.events) throw new Error(`rmsc-lite: run ${k + 2} of seed ${seed} processed ${r.events} events, the first ${s.events}`);
  againLoopMs.push(r.wallMs);
}
console.log(JSON.stringify(again > 0 ? { ...cold, againLoopMs } : cold));

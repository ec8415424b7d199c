/**
 * rmsc-lite (examples/rmsc-lite: ABIDES's RMSC04 scenario, full 09:30-16:00 day at 1 ms ticks),
 * seed 0, each repeat in a fresh child process (examples/rmsc-lite/scripts/measure.ts) so peak RSS
 * is the run's own, started with the Node flags the `venuelab` command uses (NODE_FLAGS). All rows
 * of one repeat come from the same child run.
 *
 * ABIDES on this machine kind (../shared/reference/abides-rmsc04.md): 210,322 real dispatches in
 * 13.2-20.6 s of event loop (10k-16k dispatches/s), peak RSS 217-328 MB. Targets: 50x ABIDES's best
 * event rate (16k/s -> 800k events/s), the same day in at most 1/50 of ABIDES's best loop time
 * (13.2 s -> 0.264 s), peak RSS below 217 MB. A venuelab event is one scheduler dispatch (wake,
 * order arrival, notification, clock); venuelab reads venue state synchronously, so the same day
 * takes fewer events than ABIDES's message dispatches: compare the wall times too. CPU time (user +
 * system of the child's whole run) is printed beside wall time because the machine is shared.
 *
 * Those rows are a cold process: one day, run once, so its event loop includes V8's warm-up (the
 * first few thousand events run before the hot functions are compiled). A sweep worker runs many
 * seeds in one process; the child then runs the same day WARM_DAYS more times and the "warm
 * process" rows report the median loop of the runs after the first two repeats. They have no target:
 * the targets are the cold run's.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '@venuelab/experiment/runtime';
import { sharedRows, type Benchmark } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, '..', 'examples', 'rmsc-lite', 'scripts', 'measure.ts');
const REPEATS = 3;
/** Days the child runs again after the cold one; the warm rows read the ones after the first two. */
const WARM_DAYS = 5;
const WARM_SKIP = 2;

interface Measurement {
  events: number;
  fills: number;
  messages: number;
  loopMs: number;
  totalMs: number;
  cpuMs: number;
  maxRssKb: number;
  /** Event-loop wall times of the repeats in the same process. */
  againLoopMs: number[];
}

/** One child run of the scenario. */
function measure(): Measurement {
  const out = execFileSync(process.execPath, [...NODE_FLAGS, '--import', 'tsx', script, '--seed', '0', '--again', String(WARM_DAYS)], { cwd: join(here, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').pop()!) as Measurement;
}

/** Median event-loop wall time (ms) of the warm repeats. */
function warmLoopMs(m: Measurement): number {
  const w = m.againLoopMs.slice(WARM_SKIP).sort((a, b) => a - b);
  return w[w.length >> 1]!;
}

/** One row per figure; repeat k of every row reads child run k. */
const row = sharedRows(REPEATS, measure);

/** The rmsc-lite rows of the benchmark table. */
export const benchmarks: Benchmark[] = [
  row('rmsc-lite full day: event-loop wall time', 's', (m) => m.loopMs / 1000, 13.2 / 50, 'lower'),
  row('rmsc-lite full day: whole run wall time (build + loop + record)', 's', (m) => m.totalMs / 1000),
  row('rmsc-lite full day: whole run CPU time', 's', (m) => m.cpuMs / 1000, 13.2 / 50, 'lower'),
  row('rmsc-lite full day: events processed', 'events', (m) => m.events),
  row('rmsc-lite full day: fills', 'fills', (m) => m.fills),
  row('rmsc-lite full day: events/s (event loop, wall)', 'events/s', (m) => m.events / (m.loopMs / 1000), 50 * 16_000),
  row('rmsc-lite full day: speed-up over ABIDES loop time (13.2 s best)', 'x', (m) => 13_200 / m.loopMs, 50),
  row('rmsc-lite full day: peak RSS', 'MB', (m) => m.maxRssKb / 1024, 217, 'lower'),
  row(`rmsc-lite full day, warm process (same day again, runs ${WARM_SKIP + 2}-${WARM_DAYS + 1} in one process): event-loop wall time`, 's', (m) => warmLoopMs(m) / 1000, undefined, 'lower'),
  row('rmsc-lite full day, warm process: events/s (event loop, wall)', 'events/s', (m) => m.events / (warmLoopMs(m) / 1000)),
  row('rmsc-lite full day, warm process: speed-up over ABIDES loop time (13.2 s best)', 'x', (m) => 13_200 / warmLoopMs(m)),
];

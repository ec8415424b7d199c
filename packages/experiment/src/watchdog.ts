/**
 * The run watchdog of worker-thread executors. A run stuck inside one event (an endless loop in a
 * plugin) never returns control to the kernel, so its in-run `maxWallMs` guardrail cannot fire.
 * The watchdog gives every task a shared heartbeat (see the kernel's `RunOptions.heartbeat`),
 * notices when a worker starts it, and aborts the task once it has run for its wall-time limit
 * plus a grace period; piscina then stops that worker thread and starts a fresh one. The run fails
 * with `VL_ERR_GUARDRAIL` naming the component, its plugin, the tick and the seed; the sweep
 * carries on.
 * @module
 */
import { ErrorCode, GuardrailsSchema } from '@venuelab/kernel';
import type { SweepTask, SweepTaskResult } from './sweep-worker.js';

/** Heartbeat slots: [0] tick, [1] running component index, [2] 1 once a worker started the task. */
const HEARTBEAT_SLOTS = 3;

const DEFAULT_MAX_WALL_MS = GuardrailsSchema.parse({}).maxWallMs;

/**
 * The wall-time limit the watchdog enforces for a task: the run's `guardrails.maxWallMs` plus a
 * grace of a quarter of it (at least 5 s), so the kernel's own check (every 4,096 events) ends an
 * ordinary over-long run first, with its own message.
 */
export function watchdogLimitMs(task: SweepTask): number {
  const g = (task.config.guardrails as { maxWallMs?: unknown } | undefined)?.maxWallMs;
  const wall = typeof g === 'number' && g > 0 ? g : DEFAULT_MAX_WALL_MS;
  return wall + Math.max(5_000, wall / 4);
}

/** `component (path, plugin)` for a component index in spec order: truth, venues, agents, metrics. */
export function componentLabel(config: Record<string, unknown>, index: number): string {
  if (!(index >= 0)) return 'the kernel';
  type Comp = { id?: unknown; plugin?: unknown };
  const list = (key: string) => (Array.isArray(config[key]) ? (config[key] as Comp[]) : []);
  const groups: [string, Comp[]][] = [
    ['truth', [(config.truth ?? {}) as Comp]],
    ['venues', list('venues')],
    ['agents', list('agents')],
    ['metrics', list('metrics')],
  ];
  let k = index;
  for (const [key, comps] of groups) {
    if (k < comps.length) {
      const c = comps[k]!;
      const path = key === 'truth' ? 'truth' : `${key}[${k}]`;
      const id = typeof c.id === 'string' ? `"${c.id}" ` : '';
      return `component ${id}(${path}, plugin ${String(c.plugin)})`;
    }
    k -= comps.length;
  }
  return `component #${index}`;
}

interface Watched {
  task: SweepTask;
  heartbeat: Float64Array;
  controller: AbortController;
  limitMs: number;
  startedAt: number | null;
  timedOut: boolean;
}

/** Watches in-flight tasks of one executor; one timer for all of them. */
export class RunWatchdog {
  private readonly watched = new Set<Watched>();
  private timer: ReturnType<typeof setInterval> | null = null;

  /**
   * @param pollMs - how often the heartbeats are read (the start time of a task is known to this precision)
   * @param now - clock in milliseconds (tests may pass their own)
   */
  constructor(
    private readonly pollMs = 250,
    private readonly now: () => number = () => performance.now(), // venuelab-allow-wallclock: watchdog only
  ) {}

  /**
   * Runs `task` through `run` (e.g. `piscina.run`) with a heartbeat and an abort signal; resolves
   * with the task's result, or with a coded failure when the watchdog stopped it.
   */
  async run(task: SweepTask, run: (task: SweepTask, signal: AbortSignal) => Promise<SweepTaskResult>): Promise<SweepTaskResult> {
    const buffer = new SharedArrayBuffer(HEARTBEAT_SLOTS * Float64Array.BYTES_PER_ELEMENT);
    const heartbeat = new Float64Array(buffer);
    heartbeat.fill(NaN);
    heartbeat[2] = 0;
    const w: Watched = { task, heartbeat, controller: new AbortController(), limitMs: watchdogLimitMs(task), startedAt: null, timedOut: false };
    this.watched.add(w);
    this.ensureTimer();
    try {
      return await run({ ...task, heartbeat: buffer }, w.controller.signal);
    } catch (e) {
      if (w.timedOut) return this.failure(w);
      throw e;
    } finally {
      this.watched.delete(w);
      if (this.watched.size === 0) this.stop();
    }
  }

  /** Stops the timer (no task is watched any more). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.poll(), this.pollMs);
    this.timer.unref?.();
  }

  private poll(): void {
    const now = this.now();
    for (const w of this.watched) {
      if (w.startedAt === null) {
        if (w.heartbeat[2] === 1) w.startedAt = now;
        continue;
      }
      if (!w.timedOut && now - w.startedAt > w.limitMs) {
        w.timedOut = true;
        w.controller.abort();
      }
    }
  }

  private failure(w: Watched): SweepTaskResult {
    const t = w.heartbeat[0]!;
    const who = componentLabel(w.task.config, w.heartbeat[1]!);
    const where = Number.isFinite(t) ? ` at t=${t}` : ' before the run started';
    return {
      cell: w.task.cell,
      seed: w.task.seed,
      status: 'failed',
      code: ErrorCode.Guardrail,
      error:
        `guardrail maxWallMs: the run did not return within ${Math.round(w.limitMs)} ms (maxWallMs plus grace); ` +
        `stuck inside one event of ${who}${where} with seed ${w.task.seed}; its worker thread was stopped`,
      rows: [],
    };
  }
}

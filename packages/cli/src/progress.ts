/**
 * Progress bars for long runs (shown only after a run has taken more than a second).
 * Wall-clock reads here are presentation only; they never reach a simulation.
 * @module
 */
import cliProgress from 'cli-progress';

/** A progress reporter for one run's simulated time. */
export class RunProgress {
  private bar: cliProgress.SingleBar | null = null;
  private readonly started = Date.now();

  /** @param enabled - false to never show a bar (e.g. `--quiet`) */
  constructor(private readonly enabled = true) {}

  /** Reports simulated time; starts the bar once the run has lasted over a second. */
  update = (info: { t: number; duration: number; events: number }): void => {
    if (!this.enabled) return;
    if (!this.bar) {
      if (Date.now() - this.started < 1000) return;
      this.bar = new cliProgress.SingleBar(
        {
          format: 'simulating [{bar}] {percentage}% | t {value}/{total} ticks | {events} events | eta {eta_formatted}',
          stream: process.stderr,
          noTTYOutput: true,
          notTTYSchedule: 5000,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(info.duration, info.t, { events: info.events });
    }
    this.bar.update(Math.min(info.t + 1, info.duration), { events: info.events });
  };

  /** Stops the bar if one was shown. */
  stop(): void {
    this.bar?.stop();
  }
}

import { describe, expect, it } from 'vitest';
import { componentLabel, RunWatchdog, watchdogLimitMs, type SweepTask, type SweepTaskResult } from '../src/index.js';

const config = {
  truth: { plugin: '@venuelab/plugin-truth-random-walk' },
  venues: [{ id: 'clob', plugin: '@venuelab/plugin-venue-clob' }],
  agents: [
    { id: 'noise', plugin: '@venuelab/plugin-agent-noise', count: 40 },
    { id: 'lp', plugin: '@venuelab/plugin-agent-lp' },
  ],
  metrics: [{ plugin: '@venuelab/plugin-metric-pnl' }],
};
const task = (cfg: Record<string, unknown>): SweepTask => ({ sweepId: 's', cell: 'c', seed: 4, config: cfg, baseDir: '/tmp' });

describe('run watchdog', () => {
  it('names components in the kernel order: truth, venues, agents (a counted component is one), metrics', () => {
    expect(componentLabel(config, -1)).toBe('the kernel');
    expect(componentLabel(config, 0)).toBe('component (truth, plugin @venuelab/plugin-truth-random-walk)');
    expect(componentLabel(config, 1)).toBe('component "clob" (venues[0], plugin @venuelab/plugin-venue-clob)');
    expect(componentLabel(config, 3)).toBe('component "lp" (agents[1], plugin @venuelab/plugin-agent-lp)');
    expect(componentLabel(config, 4)).toBe('component (metrics[0], plugin @venuelab/plugin-metric-pnl)');
    expect(componentLabel(config, 9)).toBe('component #9');
  });

  it('allows maxWallMs plus a quarter of it (at least 5 s); the kernel default when unset', () => {
    expect(watchdogLimitMs(task({ guardrails: { maxWallMs: 1000 } }))).toBe(6000);
    expect(watchdogLimitMs(task({ guardrails: { maxWallMs: 40_000 } }))).toBe(50_000);
    expect(watchdogLimitMs(task({}))).toBe(3_600_000 * 1.25);
  });

  it('aborts a started task past its limit and reports the component and tick from the heartbeat; queued time does not count', async () => {
    let clock = 0;
    const dog = new RunWatchdog(5, () => clock);
    const result = dog.run(task({ ...config, guardrails: { maxWallMs: 1000 } }), (t, signal) => {
      const hb = new Float64Array(t.heartbeat!);
      return new Promise<SweepTaskResult>((_resolve, reject) => {
        // queued for a long time: the clock runs, but the task has not started
        clock = 100_000;
        setTimeout(() => {
          hb[2] = 1; // a worker starts it
          hb[0] = 42;
          hb[1] = 3; // the lp agent is running
          setTimeout(() => (clock += 7000), 20); // then it runs past 6 s
        }, 20);
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    });
    const r = await result;
    expect(r.status).toBe('failed');
    expect(r.code).toBe('VL_ERR_GUARDRAIL');
    expect(r.error).toMatch(/did not return within 6000 ms .*stuck inside one event of component "lp" \(agents\[1\], plugin @venuelab\/plugin-agent-lp\) at t=42 with seed 4/);
  });

  it('passes results and other errors through untouched', async () => {
    const dog = new RunWatchdog(5);
    const ok: SweepTaskResult = { cell: 'c', seed: 4, status: 'ok', rows: [] };
    await expect(dog.run(task(config), async () => ok)).resolves.toBe(ok);
    await expect(dog.run(task(config), async () => Promise.reject(new Error('worker died')))).rejects.toThrow('worker died');
  });
});

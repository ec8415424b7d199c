/**
 * Regression test of rmsc-lite at reduced size: the first 30 simulated minutes (09:30-10:00,
 * 1,800,000 ticks at 1 ms) of the full scenario, seed 0. Checks that the scenario stays runnable
 * with the full population and that its activity stays in the expected range.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildRunSpec, loadExperiment } from '@venuelab/experiment';
import { executeRun } from '@venuelab/kernel';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('rmsc-lite (reduced: 09:30-10:00, seed 0)', () => {
  it('has the RMSC04 population and a day whose events, fills and orders stay in range', async () => {
    const exp = await loadExperiment(join(here, 'experiment.yaml'), { mutate: (raw) => ({ ...(raw as object), duration: 1_800_000 }) });
    const { record } = executeRun(buildRunSpec(exp.config, exp.plugins, 0));
    const count = (role: string) => record.participants.filter((p) => p.role === role).length;
    expect(record.participants.length).toBe(1116);
    expect([count('noise'), count('value'), count('momentum'), count('MM')]).toEqual([1000, 102, 12, 2]);
    // Noise agents wake once, at U-quadratic times over the run (here the half hour): nearly all of them send one
    // order (only those that find their side of the book empty send none).
    const agentOf = record.orders.agent as ArrayLike<string>;
    const noiseSenders = new Set<string>();
    for (let i = 0; i < agentOf.length; i++) if (agentOf[i]!.startsWith('noise-')) noiseSenders.add(agentOf[i]!);
    expect(noiseSenders.size).toBeGreaterThan(900);
    expect(noiseSenders.size).toBeLessThanOrEqual(1000);
    // Expected activity in 30 minutes: value wakes ~102 x 1800 / 175.4 = 1,047, momentum 12 x 1800 / 37 = 584,
    // market makers 2 x 30 = 60 (each 20 orders + cancels), the sampling clock 1,800, noise 1,000.
    const s = record.stats;
    expect(s.events).toBeGreaterThan(5_000);
    expect(s.events).toBeLessThan(20_000);
    expect(s.messages).toBeGreaterThan(2_000);
    expect(s.messages).toBeLessThan(10_000);
    expect(s.fills).toBeGreaterThan(300);
    expect(s.fills).toBeLessThan(5_000);
    // The sparse clock samples once a simulated second.
    expect((record.mids.t as ArrayLike<number>).length).toBe(1800);
    // The price stays near r_bar = 100,000 cents (no megashock is expected in half an hour).
    const price = record.trades.price as ArrayLike<number>;
    for (let i = 0; i < price.length; i++) expect(Math.abs(price[i]! - 100_000)).toBeLessThan(5_000);
  });
});

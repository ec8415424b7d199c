/**
 * The API report: the public surface of `@venuelab/kernel` is checked in as
 * packages/kernel/api/kernel.api.d.ts, so a change to the plugin contract shows up in review. This
 * test regenerates it from the source and fails until the change is acknowledged with
 * `pnpm api:update`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_CHANGED_MESSAGE, apiReportPath, generateApiReport } from '../scripts/api-report.ts';

describe('kernel API report', () => {
  it('matches the checked-in snapshot', () => {
    const fresh = generateApiReport();
    const committed = readFileSync(apiReportPath, 'utf8');
    // a readable failure first (the diff below names what moved)
    if (fresh !== committed) expect.soft(committed, API_CHANGED_MESSAGE).toBe(fresh);
    expect(fresh === committed, API_CHANGED_MESSAGE).toBe(true);
  });

  it('covers the plugin contract and leaves out internals', () => {
    const report = generateApiReport();
    for (const name of ['interface Venue ', 'interface Agent ', 'interface TruthProcess ', 'interface Metric', 'function definePlugin', 'const RejectReason']) {
      expect(report, name).toContain(name);
    }
    expect(report).not.toMatch(/^\s+private \w+;$/m);
    expect(report).not.toMatch(/fillsPending/);
  });
});

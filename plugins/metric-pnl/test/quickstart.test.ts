import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadExperiment, runExperiment } from '@venuelab/experiment';

const quickstart = resolve(import.meta.dirname, '../../../examples/quickstart/experiment.yaml');

describe('metric-pnl on the quickstart', () => {
  it('conservation: truth-marked PnL over all participants is minus the fees, within 1e-9 relative', async () => {
    const exp = await loadExperiment(quickstart);
    const { metrics, record } = await runExperiment(exp);
    const get = (metric: string, scope = 'all', key = '') => metrics.find((m) => m.metric === metric && m.scope === scope && m.key === key)?.value;
    expect(record.stats.fills).toBeGreaterThan(1000);
    const residual = get('conservation_residual')!;
    const notional = get('notional')!;
    const fees = get('fees_paid')!;
    expect(Math.abs(residual)).toBeLessThanOrEqual(1e-9 * notional);
    expect(Math.abs(get('conservation_residual_relative')!)).toBeLessThanOrEqual(1e-9);
    // The same identity from the rows: PnL of all = minus the fees; agents' PnLs add up to it.
    expect(Math.abs(get('pnl_truth')! + fees)).toBeLessThanOrEqual(1e-9 * notional);
    const agents = metrics.filter((m) => m.metric === 'pnl_truth' && m.scope === 'agent').reduce((s, m) => s + m.value, 0);
    expect(Math.abs(agents + fees)).toBeLessThanOrEqual(1e-9 * notional);
    expect(metrics.filter((m) => m.metric === 'pnl_truth' && m.scope === 'agent')).toHaveLength(record.participants.length);
  });
});

/**
 * Metrics of a run share per-leg work buffers (`scratch` slots of @venuelab/analysis): computing
 * every metric one after another on one record must give exactly the rows each metric gives alone
 * on a fresh copy of the record (no metric may read a buffer another one overwrote).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Metric, MetricRow, PluginDefinition, RunRecord } from '@venuelab/kernel';
import { loadExperiment, runExperiment } from '@venuelab/experiment';
import markout from '@venuelab/plugin-metric-markout';
import pnl from '@venuelab/plugin-metric-pnl';
import immediacy from '@venuelab/plugin-metric-immediacy';
import discovery from '@venuelab/plugin-metric-discovery';
import extraction from '@venuelab/plugin-metric-extraction';

const quickstart = resolve(import.meta.dirname, '../examples/quickstart/experiment.yaml');

/** A metric component of a plugin with a config (as the kernel builds it). */
function metricOf(plugin: PluginDefinition, config: unknown): Metric {
  let metric: Metric | undefined;
  plugin.register({
    componentId: plugin.id,
    packageName: plugin.id,
    config: plugin.configSchema.parse(config),
    registerMetric: (factory) => (metric = factory({ id: plugin.id })),
    registerVenue: () => undefined,
    registerAgent: () => undefined,
    registerTruth: () => undefined,
    provide: () => undefined,
  });
  return metric!;
}

/** The record with fresh table objects, so no memoised view or work buffer is shared with another copy. */
const fresh = (r: RunRecord): RunRecord => ({ ...r, trades: { ...r.trades }, orders: { ...r.orders }, mids: { ...r.mids }, truth: { ...r.truth } });

describe('metrics sharing work buffers', () => {
  it('give the same rows computed in sequence on one record as each alone on its own copy', async () => {
    const { record } = await runExperiment(await loadExperiment(quickstart));
    const metrics = () => [
      metricOf(markout, { horizons: [0, 10, 100] }),
      metricOf(pnl, { sharpeInterval: 500 }),
      metricOf(immediacy, {}),
      metricOf(discovery, {}),
      metricOf(extraction, {}),
    ];
    const shared = fresh(record);
    const together: MetricRow[][] = metrics().map((m) => m.compute(shared));
    const alone: MetricRow[][] = metrics().map((m) => m.compute(fresh(record)));
    expect(together.map((rows) => rows.length)).toEqual(alone.map((rows) => rows.length));
    expect(together.every((rows) => rows.length > 0)).toBe(true);
    // Object.is: NaN equals NaN, -0 differs from 0; values must match bit for bit.
    for (let i = 0; i < alone.length; i++) {
      for (let j = 0; j < alone[i]!.length; j++) {
        const a = alone[i]![j]!;
        const b = together[i]![j]!;
        expect({ ...b, value: 0 }).toEqual({ ...a, value: 0 });
        expect(Object.is(b.value, a.value), `${a.metric} ${a.scope} ${a.key} ${a.horizon}: ${b.value} vs ${a.value}`).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { MetricRow } from '@venuelab/kernel';
import { buildRecord } from '@venuelab/analysis';
import plugin, { DiscoveryMetric, discoveryConfigSchema } from '../src/index.js';

// Truth: 100, then 105 from t = 4 (a move of 5), then 102 from t = 8 (a move of 3).
const fair = (t: number) => (t < 4 ? 100 : t < 8 ? 105 : 102);
const midA = [100, 100, 100, 100, 101, 103, 104.5, 105, 104, 103, NaN, 102];
const midB = [101, 100, 100, 100, 100, 100]; // sampled every 2 ticks, never catches up

function record() {
  return buildRecord({
    duration: 12,
    participants: [],
    truth: Array.from({ length: 12 }, (_, t) => ({ t, fair: fair(t) })),
    mids: [...midA.map((mid, t) => ({ t, venue: 'A', mid })), ...midB.map((mid, i) => ({ t: 2 * i, venue: 'B', mid }))],
  });
}

function compute(config: Record<string, unknown> = {}): MetricRow[] {
  return new DiscoveryMetric('d', discoveryConfigSchema.parse({ moveThreshold: 2, epsilon: 0.5, ...config })).compute(record());
}

function value(rows: MetricRow[], metric: string, scope: string, key: string): number | undefined {
  const hits = rows.filter((r) => r.metric === metric && r.scope === scope && r.key === key);
  expect(hits.length).toBeLessThanOrEqual(1);
  return hits[0]?.value;
}

describe('metric-discovery: tracking error', () => {
  const rows = compute();
  it('mean and integrated |mid - truth| per venue, skipping samples without a mid', () => {
    expect(value(rows, 'tracking_error_mean', 'venue', 'A')).toBeCloseTo(9.5 / 11, 14);
    expect(value(rows, 'tracking_error_integrated', 'venue', 'A')).toBeCloseTo(9.5, 14);
    expect(value(rows, 'tracking_error_rel_mean', 'venue', 'A')).toBeCloseTo((6.5 / 105 + 3 / 102) / 11, 14);
    expect(value(rows, 'mid_missing_fraction', 'venue', 'A')).toBeCloseTo(1 / 12, 14);
    // B is sampled every 2 ticks: each sample holds for 2 ticks.
    expect(value(rows, 'tracking_error_mean', 'venue', 'B')).toBe(2.5);
    expect(value(rows, 'tracking_error_integrated', 'venue', 'B')).toBe(30);
    expect(value(rows, 'tracking_error_mean', 'all', '')).toBeCloseTo(24.5 / 17, 14);
    expect(value(rows, 'tracking_error_integrated', 'market', 'M')).toBeCloseTo(39.5, 14);
  });
});

describe('metric-discovery: lag after truth moves', () => {
  const rows = compute();
  it('measures the ticks until the mid is within epsilon after each move', () => {
    // A: move at 4 -> within 0.5 at t = 6 (lag 2); move at 8 -> at t = 11 (lag 3; t = 10 has no mid).
    expect(value(rows, 'discovery_events', 'venue', 'A')).toBe(2);
    expect(value(rows, 'discovery_lag_mean', 'venue', 'A')).toBe(2.5);
    expect(value(rows, 'discovery_unresolved_fraction', 'venue', 'A')).toBe(0);
    // B never comes within epsilon: both moves unresolved, no lag row.
    expect(value(rows, 'discovery_unresolved_fraction', 'venue', 'B')).toBe(1);
    expect(value(rows, 'discovery_lag_mean', 'venue', 'B')).toBeUndefined();
    expect(value(rows, 'discovery_events', 'all', '')).toBe(4);
    expect(value(rows, 'discovery_lag_p50', 'all', '')).toBe(2);
    expect(value(rows, 'discovery_lag_p95', 'all', '')).toBe(3);
  });
  it('counts moves from the previous move, not from the start', () => {
    // threshold 4: 100 -> 105 is a move, 105 -> 102 is not.
    const r = compute({ moveThreshold: 4 });
    expect(value(r, 'discovery_events', 'venue', 'A')).toBe(1);
    expect(value(r, 'discovery_lag_mean', 'venue', 'A')).toBe(2);
    // epsilon 2: A is within 2 at t = 5 (|103 - 105| = 2) after the move at 4.
    expect(value(compute({ moveThreshold: 4, epsilon: 2 }), 'discovery_lag_mean', 'venue', 'A')).toBe(1);
  });
  it('only reports all / venue / market scopes', () => {
    expect(plugin.configSchema.safeParse({ scopes: ['role'] }).success).toBe(false);
    expect(new Set(compute({ scopes: ['venue'] }).map((r) => r.scope))).toEqual(new Set(['venue']));
  });
});

/**
 * The extraction metric: extraction rows at each horizon and latency races.
 * @module
 */
import type { Metric, MetricRow, RunRecord } from '@venuelab/kernel';
import { ALL_SCOPES, legGroupings, legView, RowSink } from '@venuelab/analysis/core';
import { extractionRows } from './extraction.js';
import { raceRows } from './races.js';
import type { ExtractionConfig } from './schema.js';

/** The extraction and latency-race metric. */
export class ExtractionMetric implements Metric {
  /**
   * @param id - component id
   * @param config - validated config
   */
  constructor(
    readonly id: string,
    private readonly config: ExtractionConfig,
  ) {}

  compute(record: RunRecord): MetricRow[] {
    const c = this.config;
    const legs = legView(record);
    const groupings = legGroupings(legs, c.scopes);
    const sink = new RowSink();
    for (const d of [...new Set(c.horizons)].sort((a, b) => a - b)) extractionRows(sink, legs, groupings, c.lpRoles, c.informedRoles, d);
    if (c.races) raceRows(sink, record, c.moveThreshold, c.staleMargin, ALL_SCOPES.filter((s) => c.scopes.includes(s)));
    return sink.rows;
  }
}

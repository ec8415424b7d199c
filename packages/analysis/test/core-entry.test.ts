/**
 * `@venuelab/analysis/core` offers every helper of the package root except the arquero tables, and
 * importing it (or the in-repo metric plugins, which use it) never asks for arquero: a sweep worker
 * that loads the metrics does not load arquero's 170 modules.
 */
import { describe, expect, it } from 'vitest';
import * as core from '@venuelab/analysis/core';
import * as root from '@venuelab/analysis';
import { importWithout } from '../../../test/helpers/import-without.js';

const ARQUERO_EXPORTS = ['aq', 'columnsTable', 'metricTable', 'op', 'recordTables'];
const importWithoutArquero = (specifiers: string[]) => importWithout(specifiers, 'arquero');

describe('@venuelab/analysis/core', () => {
  it('exports every helper of the root except the arquero tables', () => {
    const rootNames = Object.keys(root).sort();
    expect(Object.keys(core).sort()).toEqual(rootNames.filter((n) => !ARQUERO_EXPORTS.includes(n)));
    for (const n of Object.keys(core)) expect((core as Record<string, unknown>)[n], n).toBe((root as Record<string, unknown>)[n]);
  });

  it('loads without arquero, and so do the metric plugins; the root entry does ask for it', () => {
    expect(importWithoutArquero(['@venuelab/analysis/core'])).toBeNull();
    const plugins = ['markout', 'pnl', 'immediacy', 'extraction', 'discovery', 'quotes'].map((m) => `@venuelab/plugin-metric-${m}`);
    expect(importWithoutArquero(plugins)).toBeNull();
    expect(importWithoutArquero(['@venuelab/analysis'])).toMatch(/arquero was requested/);
  });
});

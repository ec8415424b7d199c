/**
 * What a sweep needs only once its runs are done loads on first use: importing the package (as the
 * `venuelab` command does before it validates a config and starts the workers) does not load the
 * plot renderer (vega, vega-lite), the report's CSV reader (arquero) or the t quantile (@stdlib),
 * about 0.75 s of start-up together. The report still renders with them.
 */
import { describe, expect, it } from 'vitest';
import { importWithout } from '../../../test/helpers/import-without.js';
import { renderSvg, tQuantile } from '../src/index.js';

const LAZY = ['vega', 'vega-lite', 'arquero', '@stdlib/stats-base-dists-t-quantile'];

describe('lazy imports', () => {
  it('@venuelab/experiment loads without vega, vega-lite, arquero and the t quantile; the check refuses each', () => {
    expect(importWithout(['@venuelab/experiment'], LAZY)).toBeNull();
    expect(importWithout(['arquero'], LAZY)).toMatch(/arquero was requested/);
    expect(importWithout(['@stdlib/stats-base-dists-t-quantile'], LAZY)).toMatch(/@stdlib\/stats-base-dists-t-quantile was (requested|loaded)/);
  });

  it('they load on first use', async () => {
    expect(tQuantile(0.975, 3)).toBeCloseTo(3.182446305284263, 9);
    const svg = await renderSvg({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: { values: [{ x: 1, y: 2 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } });
    expect(svg).toMatch(/^<svg/);
  });
});

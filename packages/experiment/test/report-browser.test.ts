/**
 * Opens a sweep's report.html in headless Chromium (Debian's package, driven by playwright-core),
 * checks that the plots rendered and the console has no errors, and saves a screenshot.
 * Needs /usr/bin/chromium (`.ci/run` installs it); skipped outside CI when it is absent.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runSweep } from '../src/index.js';

const root = join(import.meta.dirname, '../../..');
const browser = '/usr/bin/chromium';

describe('report.html in a browser', () => {
  it.skipIf(!existsSync(browser) && !process.env.CI)('renders its plots with no console errors', async () => {
    const c = parse(readFileSync(join(root, 'examples/quickstart/experiment.yaml'), 'utf8'));
    c.duration = 1500;
    c.agents[0].count = 10;
    c.metrics = [{ id: 'pnl', plugin: '@venuelab/plugin-metric-pnl' }, { id: 'markout', plugin: '@venuelab/plugin-metric-markout' }];
    c.sweep = {
      seeds: 3,
      grid: { share: { path: 'agents[0].config.marketShare', values: [0.1, 0.3, 0.5] } },
      comparisons: [{ axis: 'share', control: '0.1' }],
      scopes: ['all', 'role', 'agent', 'venue', 'market'],
      report: {
        metrics: [{ metric: 'pnl_truth', scope: 'role', key: 'noise' }, { metric: 'markout_truth', scope: 'role', key: 'noise', horizon: 0 }],
        // the PnL of each of the 10 noise traders, one box per cell, paired with the control cell
        distributions: [{ metric: 'pnl_truth', scope: 'agent', by: 'cell', summary: { metric: 'pnl_truth', scope: 'role', key: 'noise' } }],
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'venuelab-report-'));
    writeFileSync(join(dir, 'experiment.yaml'), stringify(c));
    const out = join(dir, 'out');
    await runSweep(join(dir, 'experiment.yaml'), { outDir: out, workers: 0 });
    const b = await chromium.launch({
      executablePath: browser,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    try {
      const page = await b.newPage({ viewport: { width: 1200, height: 1600 } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      const plots = await page.locator('figure.plot svg').count();
      expect(plots).toBeGreaterThanOrEqual(2);
      const marks = await page.locator('figure.plot svg path').count();
      expect(marks).toBeGreaterThan(5);
      expect(await page.locator('table').count()).toBeGreaterThanOrEqual(2);
      // the distribution plot: one quartile bar per cell, and its paired summary table beside it
      expect(await page.locator('figure#distribution-1 svg g.quartiles_marks path').count()).toBe(3);
      expect(await page.locator('.dist table tbody tr').count()).toBe(3);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]); // self-contained
      const shot = join(out, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
    } finally {
      await b.close();
    }
  });
});

/**
 * `@venuelab/analysis/core` offers every helper of the package root except the arquero tables, and
 * importing it (or the in-repo metric plugins, which use it) never asks for arquero: a sweep worker
 * that loads the metrics does not load arquero's 170 modules.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '@venuelab/analysis/core';
import * as root from '@venuelab/analysis';

const ARQUERO_EXPORTS = ['aq', 'columnsTable', 'metricTable', 'op', 'recordTables'];
const repo = join(import.meta.dirname, '../../..');

/**
 * Imports `specifiers` in a child Node process (TypeScript through tsx) whose module resolver
 * refuses `arquero`; returns null when every import succeeds, else the child's error output.
 */
function importWithoutArquero(specifiers: string[]): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'venuelab-no-arquero-'));
  try {
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(hooks, `export async function resolve(specifier, context, next) {
  if (specifier === 'arquero' || specifier.startsWith('arquero/')) throw new Error('arquero was requested by ' + context.parentURL);
  return next(specifier, context);
}\n`);
    const setup = join(dir, 'setup.mjs');
    writeFileSync(setup, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const script = specifiers.map((s) => `await import(${JSON.stringify(s)});`).join('\n');
    execFileSync(process.execPath, ['--import', 'tsx', '--import', pathToFileURL(setup).href, '--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8', stdio: 'pipe' });
    return null;
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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

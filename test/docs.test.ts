/**
 * Documentation checks:
 * - `pnpm run docs` (tsc -b, then typedoc over packages/* and plugins/* with warnings as errors) succeeds
 *   and docs/api/index.html lists every package;
 * - docs/config-reference.md matches what `pnpm docs:config` generates from the installed plugins;
 * - every guide named in docs/README.md exists, and relative links between guides resolve.
 * Typedoc converts ~40 packages, one TypeScript program each: this test is slow (minutes on a
 * loaded machine).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configReferencePath, generateConfigReference } from '../scripts/config-reference.ts';

const root = join(import.meta.dirname, '..');

function packageNames(parent: string): string[] {
  return readdirSync(join(root, parent))
    .map((d) => join(root, parent, d, 'package.json'))
    .filter((p) => existsSync(p))
    .map((p) => (JSON.parse(readFileSync(p, 'utf8')) as { name: string }).name);
}

describe('docs', () => {
  it('pnpm run docs succeeds with warnings as errors and the index lists every package', () => {
    let output = '';
    try {
      output = execFileSync('pnpm', ['run', 'docs'], { cwd: root, encoding: 'utf8', stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; status?: number };
      throw new Error(`pnpm run docs failed (exit ${err.status}):\n${(err.stdout ?? '').slice(-8000)}\n${(err.stderr ?? '').slice(-8000)}`);
    }
    expect(output).not.toMatch(/\[warning\]/);
    const index = readFileSync(join(root, 'docs', 'api', 'index.html'), 'utf8');
    const names = [...packageNames('packages'), ...packageNames('plugins')];
    expect(names.length).toBeGreaterThan(30);
    const missing = names.filter((n) => !index.includes(n));
    expect(missing, 'packages missing from docs/api/index.html').toEqual([]);
  }, 1_200_000);

  it('docs/config-reference.md is up to date (run `pnpm docs:config`)', async () => {
    const fresh = await generateConfigReference();
    const committed = existsSync(configReferencePath) ? readFileSync(configReferencePath, 'utf8') : '';
    expect(committed === fresh, 'docs/config-reference.md is out of date: run `pnpm docs:config`').toBe(true);
    for (const name of [...packageNames('plugins')]) expect(fresh, name).toContain(`### ${name}`);
  }, 300_000);

  it('the guides exist and their relative links resolve', () => {
    const docs = join(root, 'docs');
    const guides = readdirSync(docs).filter((f) => f.endsWith('.md'));
    for (const g of ['README.md', 'concepts.md', 'writing-a-venue.md', 'writing-an-agent.md', 'writing-a-metric.md', 'experiment-config.md', 'config-reference.md', 'metrics-glossary.md']) {
      expect(guides, g).toContain(g);
    }
    for (const g of guides) {
      const text = readFileSync(join(docs, g), 'utf8');
      for (const m of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        expect(existsSync(join(docs, target)), `${g} links to ${target}`).toBe(true);
      }
    }
  });
});

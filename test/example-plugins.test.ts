/**
 * The out-of-tree example plugins (examples/plugin-*): they import nothing but public entry points,
 * the venue passes the conformance suite of @venuelab/testing and the agent trades in a run, and
 * `venuelab plugins --json` lists every first-party and example plugin with its schema.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '@venuelab/cli';
import { venueConformance, venueHarness, runTest } from '@venuelab/testing';
import noise from '@venuelab/plugin-agent-noise';
import randomWalk from '@venuelab/plugin-truth-random-walk';
import speedBump from 'venuelab-plugin-speed-bump';
import momentum from 'venuelab-plugin-momentum-agent';

const root = join(import.meta.dirname, '..');
const examples = readdirSync(join(root, 'examples'))
  .filter((d) => d.startsWith('plugin-') && existsSync(join(root, 'examples', d, 'package.json')))
  .map((d) => join(root, 'examples', d));

const importRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|js|mjs|cjs)$/.test(e) ? [p] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(importRe)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
}

/** A bare package name (its public entry point), not a deep path into it. */
const bare = (spec: string) => /^(@[a-z0-9-]+\/)?[a-z0-9][a-z0-9._-]*$/.test(spec);
const builtin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec);

describe('example plugins', () => {
  it('live outside packages/ and plugins/, carry the plugin keywords and are installed at the root', () => {
    expect(examples.map((d) => relative(root, d)).sort()).toEqual(expect.arrayContaining(['examples/plugin-momentum-agent', 'examples/plugin-speed-bump']));
    const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const d of examples) {
      const pkg = JSON.parse(readFileSync(join(d, 'package.json'), 'utf8'));
      expect(pkg.keywords, pkg.name).toContain('venuelab-plugin');
      expect(pkg.peerDependencies?.['@venuelab/kernel'], pkg.name).toBeDefined();
      expect(rootPkg.devDependencies[pkg.name], pkg.name).toBe('workspace:*');
    }
  });

  it('import nothing but public entry points of packages they declare (src), and nothing but public entry points in tests', () => {
    const offenders: string[] = [];
    for (const d of examples) {
      const pkg = JSON.parse(readFileSync(join(d, 'package.json'), 'utf8'));
      const runtime = new Set(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }));
      const dev = new Set([...runtime, ...Object.keys(pkg.devDependencies ?? {}), 'vitest', 'fast-check']);
      const src = files(join(d, 'src'));
      expect(src.length, d).toBeGreaterThan(0);
      for (const f of src) {
        for (const spec of imports(f)) {
          const where = `${relative(root, f)}: ${spec}`;
          if (spec.startsWith('.')) {
            if (relative(join(d, 'src'), resolve(f, '..', spec)).startsWith('..')) offenders.push(`${where} (leaves src)`);
          } else if (!builtin(spec) && !(bare(spec) && runtime.has(spec))) offenders.push(`${where} (not a public entry point of a declared dependency)`);
        }
      }
      for (const f of files(join(d, 'test'))) {
        for (const spec of imports(f)) {
          const where = `${relative(root, f)}: ${spec}`;
          if (spec.startsWith('.')) {
            if (relative(d, resolve(f, '..', spec)).startsWith('..')) offenders.push(`${where} (leaves the package)`);
          } else if (!builtin(spec) && !(bare(spec) && dev.has(spec))) offenders.push(`${where} (not a public entry point of a declared dependency)`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the momentum agent trades in a run built from plugin definitions', () => {
    const out = runTest({
      seed: 2,
      duration: 800,
      truth: { plugin: randomWalk, config: { q: 1e-6 } },
      venues: [{ plugin: speedBump, id: 'v', config: { delay: 1 } }],
      agents: [
        { plugin: noise, count: 4, config: { arrivalRatePerUnit: 0.3, marketShare: 0.2 } },
        { plugin: momentum, count: 2, config: { fastWindow: 3, slowWindow: 12, threshold: 0.5, interval: 5 } },
      ],
    });
    expect((out.record.trades as { role: string[] }).role.filter((r) => r === 'momentum').length).toBeGreaterThan(0);
  });

  it('`venuelab plugins --json` lists every first-party and example plugin with its kind and schema', async () => {
    const expected = new Map<string, string>();
    for (const d of [...readdirSync(join(root, 'plugins')).map((p) => join(root, 'plugins', p)), ...examples]) {
      const pj = join(d, 'package.json');
      if (!existsSync(pj)) continue;
      const pkg = JSON.parse(readFileSync(pj, 'utf8'));
      if (!pkg.keywords?.includes('venuelab-plugin')) continue;
      const kind = (pkg.keywords as string[]).find((k) => /^venuelab-(venue|agent|truth|metric)$/.test(k))!.slice('venuelab-'.length);
      expected.set(pkg.name, kind);
    }
    expect(expected.size).toBeGreaterThan(20);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['plugins', '--json'], { out: (s) => out.push(s), err: (s) => err.push(s) });
    expect(code, err.join('\n')).toBe(0);
    const listed = JSON.parse(out.join('\n')) as { package: string; kind: string; schema: { type?: string; error?: string } }[];
    const byName = new Map(listed.map((p) => [p.package, p]));
    for (const [name, kind] of expected) {
      const p = byName.get(name);
      expect(p, `${name} is not listed`).toBeDefined();
      expect(p!.kind, name).toBe(kind);
      expect(p!.schema.error, name).toBeUndefined();
      expect(typeof p!.schema, name).toBe('object');
    }
  }, 120_000);
});

// The speed-bump venue under the conformance suite, called from here too (its own tests run more).
venueConformance('venuelab-plugin-speed-bump via the root', (seed) => venueHarness(speedBump, { delay: 2 }, { seed }), { numRuns: 30, acceptableRejections: [] });

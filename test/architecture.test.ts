/**
 * Architecture rules, enforced as tests:
 * - the kernel imports no plugin (nor any other venuelab package);
 * - simulation code (packages and plugins, except the CLI) uses no Math.random and no wall clock;
 * - the kernel's version constant matches its package.json;
 * - plugins import venuelab packages only through their public entry points: the package root or a
 *   subpath the package's `exports` map lists (such as `@venuelab/analysis/core`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_VERSION } from '@venuelab/kernel';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    if (e === 'node_modules' || e === 'dist') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|js|mjs|cjs)$/.test(e) && !e.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function srcDirs(parent: string): string[] {
  return readdirSync(join(root, parent))
    .map((d) => join(root, parent, d, 'src'))
    .filter((d) => {
      try {
        return statSync(d).isDirectory();
      } catch {
        return false;
      }
    });
}

const importRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('architecture', () => {
  it('packages/kernel imports no plugin and no other venuelab package', () => {
    const offenders: string[] = [];
    for (const f of sourceFiles(join(root, 'packages/kernel/src'))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(importRe)) {
        const spec = m[1] ?? m[2] ?? m[3] ?? '';
        if (spec.startsWith('@venuelab/') || /plugins?\//.test(spec) || spec.includes('plugin-')) offenders.push(`${relative(root, f)}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(root, 'packages/kernel/package.json'), 'utf8'));
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
    expect(deps.filter((d) => d.startsWith('@venuelab/'))).toEqual([]);
  });

  it('simulation code uses no Math.random and no wall clock', () => {
    const banned = /Math\.random\s*\(|Date\.now\s*\(|new Date\s*\(|performance\.now\s*\(|process\.hrtime/;
    const dirs = [...srcDirs('packages'), ...srcDirs('plugins')].filter((d) => !d.includes(join('packages', 'cli')));
    const offenders: string[] = [];
    for (const d of dirs) {
      for (const f of sourceFiles(d)) {
        readFileSync(f, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (banned.test(line) && !line.includes('venuelab-allow-wallclock')) offenders.push(`${relative(root, f)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the kernel version constant matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages/kernel/package.json'), 'utf8'));
    expect(KERNEL_VERSION).toBe(pkg.version);
  });

  it('plugins import nothing but public entry points of venuelab packages', () => {
    /** Subpaths (`./core`) a workspace package exports, by package name. */
    const exported = new Map<string, string[]>();
    for (const d of readdirSync(join(root, 'packages'))) {
      const pkg = JSON.parse(readFileSync(join(root, 'packages', d, 'package.json'), 'utf8')) as { name: string; exports?: Record<string, string> };
      exported.set(pkg.name, Object.keys(pkg.exports ?? {}).filter((k) => k !== '.' && k !== './package.json'));
    }
    const isPublicSubpath = (spec: string) => {
      const m = /^(@venuelab\/[^/]+)\/(.+)$/.exec(spec);
      return m !== null && (exported.get(m[1]!) ?? []).includes(`./${m[2]}`);
    };
    const offenders: string[] = [];
    for (const d of srcDirs('plugins')) {
      for (const f of sourceFiles(d)) {
        for (const m of readFileSync(f, 'utf8').matchAll(importRe)) {
          const spec = m[1] ?? m[2] ?? m[3] ?? '';
          if ((/^@venuelab\/[^/]+\/./.test(spec) && !isPublicSubpath(spec)) || spec.includes('/src/') || spec.startsWith('../../')) offenders.push(`${relative(root, f)}: ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

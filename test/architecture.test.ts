/**
 * Architecture rules, enforced as tests:
 * - the kernel imports no plugin (nor any other venuelab package);
 * - simulation code (packages and plugins, except the CLI) uses no Math.random and no wall clock;
 * - the kernel's version constant matches its package.json.
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
    const offenders: string[] = [];
    for (const d of srcDirs('plugins')) {
      for (const f of sourceFiles(d)) {
        for (const m of readFileSync(f, 'utf8').matchAll(importRe)) {
          const spec = m[1] ?? m[2] ?? m[3] ?? '';
          if (/^@venuelab\/[^/]+\/./.test(spec) || spec.includes('/src/') || spec.startsWith('../../')) offenders.push(`${relative(root, f)}: ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

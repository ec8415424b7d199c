/**
 * A sweep worker thread imports only what runs need: the worker module must not load the YAML
 * parser (configs reach workers as objects), which costs each worker 50-90 ms at start-up.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../src/index.js';

const repo = join(import.meta.dirname, '../../..');
const workerModule = pathToFileURL(join(import.meta.dirname, '../src/sweep-worker.ts')).href;

/**
 * Imports `specifier` in a child Node process (TypeScript through tsx) whose ESM resolver refuses
 * `yaml`; afterwards the child fails if `yaml` is in the CommonJS module cache. Returns null when
 * the import succeeds without loading yaml, else the child's error output.
 */
function importWithoutYaml(specifier: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'venuelab-no-yaml-'));
  try {
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(hooks, `export async function resolve(specifier, context, next) {
  if (specifier === 'yaml' || specifier.startsWith('yaml/')) throw new Error('yaml was requested by ' + context.parentURL);
  return next(specifier, context);
}\n`);
    const setup = join(dir, 'setup.mjs');
    writeFileSync(setup, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const script = `await import(${JSON.stringify(specifier)});
const { createRequire } = await import('node:module');
const loaded = Object.keys(createRequire(process.cwd() + '/').cache).filter((k) => /[\\\\/]yaml[\\\\/]/.test(k));
if (loaded.length > 0) throw new Error('yaml was loaded: ' + loaded[0]);`;
    execFileSync(process.execPath, ['--import', 'tsx', '--import', pathToFileURL(setup).href, '--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8', stdio: 'pipe' });
    return null;
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('sweep worker imports', () => {
  it('the worker module loads without the YAML parser; an import of yaml is refused by the check', () => {
    expect(importWithoutYaml(workerModule)).toBeNull();
    expect(importWithoutYaml('yaml')).toMatch(/yaml was requested/);
  });

  it('readConfigFile still parses YAML (the parser loads on first use)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'venuelab-yaml-'));
    try {
      const file = join(dir, 'c.yaml');
      writeFileSync(file, 'name: x\nseed: 3\nlist: [1, 2]\n');
      expect(readConfigFile(file)).toEqual({ name: 'x', seed: 3, list: [1, 2] });
      writeFileSync(file, 'name: [unclosed\n');
      expect(() => readConfigFile(file)).toThrow(/cannot parse/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Security (issue 10): configs load plugins only by package name or by a path inside the project
 * (a plugin is code, run with the user's rights); output files cannot escape the output folder.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ErrorCode, VenuelabError } from '@venuelab/kernel';
import { loadExperimentFromObject, loadPlugin, outputPath, readConfigFile, resolvePluginPath, writeFileAtomic } from '@venuelab/experiment';

const root = join(import.meta.dirname, '../..');
const exampleDir = join(root, 'examples/quickstart');

describe('plugin loading', () => {
  it('accepts package names and paths inside the project', async () => {
    expect(resolvePluginPath('@venuelab/plugin-venue-clob', exampleDir).file).toBeDefined();
    const fixture = await loadPlugin('../../test/fixtures/faulty-metric.ts', exampleDir);
    expect(fixture.problem).toBeUndefined();
    expect(fixture.loaded!.plugin.id).toBe('metric-faulty');
    // a single-file plugin is named by its path (not by the enclosing project's package name)
    expect(fixture.loaded!.packageName).toBe('../../test/fixtures/faulty-metric.ts');
  });

  it('refuses paths outside the project, URLs and names that are neither', () => {
    for (const ref of ['../../../../etc/passwd', '/etc/passwd', join(tmpdir(), 'evil.js'), '../../..']) {
      const r = resolvePluginPath(ref, exampleDir);
      expect(r.file, ref).toBeUndefined();
      expect(r.problem, ref).toMatch(/outside the project folder/);
    }
    for (const ref of ['https://example.com/plugin.js', 'data:text/javascript,export default 1', 'a b', '@scope/../../x']) {
      const r = resolvePluginPath(ref, exampleDir);
      expect(r.file, ref).toBeUndefined();
      expect(r.problem, ref).toMatch(/not a package name or a relative path/);
    }
  });

  it('a config naming a plugin outside the project fails validation with VL_ERR_PLUGIN_NOT_FOUND at the field, and imports nothing', async () => {
    const evilDir = mkdtempSync(join(tmpdir(), 'venuelab-evil-'));
    const evil = join(evilDir, 'evil.mjs');
    // if this module were imported, the marker would be set
    writeFileSync(evil, 'globalThis.__venuelabEvilImported = true; export default {};\n');
    const raw = readConfigFile(join(exampleDir, 'experiment.yaml')) as Record<string, any>;
    raw.metrics = [{ id: 'evil', plugin: evil }];
    const e = await loadExperimentFromObject(raw, exampleDir).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ConfigError);
    const issue = (e as ConfigError).issues.find((i) => i.path === 'metrics[0].plugin');
    expect(issue?.code).toBe(ErrorCode.PluginNotFound);
    expect((globalThis as Record<string, unknown>).__venuelabEvilImported).toBeUndefined();
  });
});

describe('output paths', () => {
  it('names inside the output folder resolve; names escaping it throw VL_ERR_IO', () => {
    const out = mkdtempSync(join(tmpdir(), 'venuelab-out-'));
    expect(outputPath(out, 'results.csv')).toBe(join(out, 'results.csv'));
    expect(outputPath(out, 'plots/a.svg')).toBe(join(out, 'plots/a.svg'));
    for (const name of ['../escape.csv', '../../etc/passwd', '/etc/passwd', 'plots/../../x.csv', join(out, '..', 'y.csv')]) {
      let err: unknown;
      try {
        outputPath(out, name);
      } catch (x) {
        err = x;
      }
      expect(err, name).toBeInstanceOf(VenuelabError);
      expect((err as VenuelabError).code, name).toBe(ErrorCode.Io);
    }
  });

  it('writeFileAtomic leaves the complete file and no temporary sibling', () => {
    const out = mkdtempSync(join(tmpdir(), 'venuelab-out-'));
    const p = outputPath(out, 'a.csv');
    writeFileAtomic(p, 'x,y\n1,2\n');
    writeFileAtomic(p, 'x,y\n3,4\n');
    expect(readdirSync(out)).toEqual(['a.csv']);
    expect(readFileSync(p, 'utf8')).toBe('x,y\n3,4\n');
  });
});

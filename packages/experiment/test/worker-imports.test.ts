/**
 * A sweep worker thread imports only what runs need: the worker module must not load the YAML
 * parser (configs reach workers as objects), which costs each worker 50-90 ms at start-up.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importWithout } from '../../../test/helpers/import-without.js';
import { readConfigFile } from '../src/index.js';

const workerModule = pathToFileURL(join(import.meta.dirname, '../src/sweep-worker.ts')).href;

describe('sweep worker imports', () => {
  it('the worker module loads without the YAML parser; an import of yaml is refused by the check', () => {
    expect(importWithout([workerModule], 'yaml')).toBeNull();
    expect(importWithout(['yaml'], 'yaml')).toMatch(/yaml was requested/);
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

/**
 * The benchmark suite (bench/*.ts) and the scripts (scripts/, examples/<name>/scripts/) run through
 * tsx, which does not type-check, and are outside the workspace build (`tsc -b`): this test
 * type-checks them with bench/tsconfig.json so they do not drift from the APIs they call.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const tsc = join(dirname(createRequire(join(root, 'package.json')).resolve('typescript/package.json')), 'bin', 'tsc');

describe('bench and scripts', () => {
  it('type-check (tsc -p bench/tsconfig.json)', () => {
    let out = '';
    let status = 0;
    try {
      out = execFileSync(process.execPath, [tsc, '-p', join(root, 'bench', 'tsconfig.json'), '--pretty', 'false'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { stdout?: string; status?: number };
      out = err.stdout ?? '';
      status = err.status ?? 1;
    }
    expect(out.trim(), 'type errors in bench/ or scripts').toBe('');
    expect(status).toBe(0);
  }, 300_000);
});

/**
 * Test helper: does importing a module pull in a package it should not need? (A sweep worker must
 * not load arquero or the YAML parser, for example.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = join(import.meta.dirname, '../..');

/**
 * Imports `specifiers` in a child Node process (TypeScript through tsx) whose ESM resolver refuses
 * the package `refused` (or each of several); afterwards the child also fails if such a package is
 * in the CommonJS module cache (a `require` of it). Returns null when every import succeeds without
 * them, else the child's error output (`<refused> was requested by <parent>` or
 * `<refused> was loaded: <file>`).
 */
export function importWithout(specifiers: string[], refused: string | string[]): string | null {
  const packages = typeof refused === 'string' ? [refused] : refused;
  const dir = mkdtempSync(join(tmpdir(), 'venuelab-import-without-'));
  try {
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      `const refused = ${JSON.stringify(packages)};
export async function resolve(specifier, context, next) {
  for (const r of refused) if (specifier === r || specifier.startsWith(r + '/')) throw new Error(r + ' was requested by ' + context.parentURL);
  return next(specifier, context);
}\n`,
    );
    const setup = join(dir, 'setup.mjs');
    writeFileSync(setup, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const script = `${specifiers.map((s) => `await import(${JSON.stringify(s)});`).join('\n')}
const { createRequire } = await import('node:module');
const cached = Object.keys(createRequire(process.cwd() + '/').cache).map((k) => k.replaceAll('\\\\', '/'));
for (const r of ${JSON.stringify(packages)}) {
  const loaded = cached.find((k) => k.includes('/node_modules/' + r + '/'));
  if (loaded) throw new Error(r + ' was loaded: ' + loaded);
}`;
    execFileSync(process.execPath, ['--import', 'tsx', '--import', pathToFileURL(setup).href, '--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8', stdio: 'pipe' });
    return null;
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

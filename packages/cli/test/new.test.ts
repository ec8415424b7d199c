/**
 * `venuelab new plugin`: scaffolds each kind into a temporary folder inside the workspace
 * (examples/scaffold-tmp-<pid>, removed afterwards), links its dependencies from the workspace
 * (offline: each dependency the generated package.json names must resolve from the workspace root,
 * and is symlinked into the package's node_modules; no lockfile change), typechecks it with its own
 * tsconfig and runs its generated tests with the root vitest config.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { SCAFFOLD_KINDS, scaffoldPlugin } from '../src/new-command.js';

const root = join(import.meta.dirname, '../../..');
const scratch = join(root, 'examples', `scaffold-tmp-${process.pid}`);
const requireFromRoot = createRequire(join(root, 'package.json'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs a command; resolves with its exit code and output. */
function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'));
  return new Promise((resolveRun) => {
    const p = spawn(cmd, args, { cwd, env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let output = '';
    p.stdout.on('data', (d) => (output += String(d)));
    p.stderr.on('data', (d) => (output += String(d)));
    p.on('close', (code) => resolveRun({ code: code ?? 1, output: output.replace(/\x1b\[[0-9;]*m/g, '') }));
  });
}

/** Links every dependency of a generated package from the workspace into its node_modules. */
function linkFromWorkspace(dir: string): void {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; peerDependencies: Record<string, string> };
  for (const dep of Object.keys({ ...pkg.peerDependencies, ...pkg.devDependencies })) {
    const target = dirname(requireFromRoot.resolve(`${dep}/package.json`));
    const link = join(dir, 'node_modules', dep);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
}

describe('venuelab new plugin', () => {
  it('scaffolds every kind; each package typechecks and passes its generated tests', async () => {
    const dirs: string[] = [];
    for (const kind of SCAFFOLD_KINDS) {
      const dir = join(scratch, kind);
      const r = await cli('new', 'plugin', '--kind', kind, '--name', 'demo-thing', '--dir', dir);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`venuelab-plugin-${kind}-demo-thing`);
      for (const f of ['package.json', 'tsconfig.json', 'typedoc.json', 'README.md', 'src/index.ts', 'src/schema.ts']) expect(existsSync(join(dir, f)), `${kind}: ${f}`).toBe(true);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(pkg.name).toBe(`venuelab-plugin-${kind}-demo-thing`);
      expect(pkg.keywords).toEqual(['venuelab-plugin', `venuelab-${kind}`]);
      expect(pkg.peerDependencies).toEqual({ '@venuelab/kernel': 'workspace:^' });
      expect(readFileSync(join(dir, 'src/index.ts'), 'utf8')).toMatch(/definePlugin\(\{[\s\S]*id: '[a-z]+-demo-thing',[\s\S]*kind: '[a-z]+'/);
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      expect(readme).not.toMatch(/__[A-Z_]+__/);
      expect(readme).toContain('| field | type | default | description |');
      linkFromWorkspace(dir);
      dirs.push(dir);
    }
    const tsc = join(dirname(requireFromRoot.resolve('typescript/package.json')), 'bin', 'tsc');
    const vitest = join(dirname(requireFromRoot.resolve('vitest/package.json')), 'vitest.mjs');
    // The generated tsconfig.json files are identical, so one tsc process with the same options over
    // all four packages (src and test) checks each of them, at a quarter of the start-up cost.
    const tsconfigs = new Set(dirs.map((d) => readFileSync(join(d, 'tsconfig.json'), 'utf8')));
    expect(tsconfigs.size).toBe(1);
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ extends: './venue/tsconfig.json', include: SCAFFOLD_KINDS.flatMap((k) => [`${k}/src`, `${k}/test`]) }));
    const [tests, check] = await Promise.all([
      run(process.execPath, [vitest, 'run', '--config', join(root, 'vitest.config.ts'), '--root', root, scratch.slice(root.length + 1)], root),
      run(process.execPath, [tsc, '-p', scratch], root),
    ]);
    expect(check.code, `tsc:\n${check.output}`).toBe(0);
    expect(tests.code, tests.output).toBe(0);
    // Every kind's test file ran (vitest prints one line per test file).
    for (const kind of SCAFFOLD_KINDS) expect(tests.output).toContain(`scaffold-tmp-${process.pid}/${kind}/test/`);
    expect(tests.output).toMatch(/Test Files\s+4 passed/);
  }, 300_000);

  it('outside the workspace, depends on published versions instead of workspace links', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'venuelab-new-')), 'p');
    const r = scaffoldPlugin({ kind: 'agent', name: 'outside', dir });
    expect(r.inWorkspace).toBe(false);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.peerDependencies['@venuelab/kernel']).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(Object.values(pkg.devDependencies).some((v) => String(v).startsWith('workspace:'))).toBe(false);
    rmSync(dirname(dir), { recursive: true, force: true });
  });

  it('refuses a bad kind, a bad name and a non-empty target folder, with exit code 2', async () => {
    const kind = await cli('new', 'plugin', '--kind', 'broker', '--name', 'x', '--dir', join(tmpdir(), 'never-written'));
    expect(kind.code).toBe(2);
    expect(kind.err).toContain('--kind must be one of venue, agent, truth, metric');
    const name = await cli('new', 'plugin', '--kind', 'venue', '--name', 'Bad_Name', '--dir', join(tmpdir(), 'never-written'));
    expect(name.code).toBe(2);
    expect(name.err).toContain('kebab-case');
    const busy = mkdtempSync(join(tmpdir(), 'venuelab-new-busy-'));
    writeFileSync(join(busy, 'keep.txt'), 'x');
    const full = await cli('new', 'plugin', '--kind', 'venue', '--name', 'x', '--dir', busy);
    expect(full.code).toBe(2);
    expect(full.err).toContain('not an empty folder');
    expect(readFileSync(join(busy, 'keep.txt'), 'utf8')).toBe('x');
    rmSync(busy, { recursive: true, force: true });
    expect((await cli('new', 'plugin', '--kind', 'venue')).code).not.toBe(0);
  });
});

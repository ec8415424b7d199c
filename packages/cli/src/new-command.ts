/**
 * `venuelab new plugin --kind venue|agent|truth|metric --name NAME [--dir DIR]`: scaffolds a plugin
 * package from the templates in `packages/cli/templates` (package.json with `@venuelab/kernel` as a
 * peer dependency and the `venuelab-plugin` keyword, `src/index.ts` with `definePlugin`, a config
 * schema, a test, README, typedoc.json, tsconfig.json, vitest.config.ts) that typechecks and passes
 * its tests as generated.
 *
 * Inside the venuelab workspace (a `pnpm-workspace.yaml` above the target whose folder holds
 * `packages/kernel`), venuelab dependencies use the `workspace:` protocol and tool versions follow
 * the workspace root; outside it they are semver ranges of the published packages.
 * @module
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommanderError, type Command } from 'commander';
import { KERNEL_VERSION, type PluginKind } from '@venuelab/kernel';
import { findProjectRoot } from '@venuelab/experiment';
import type { Io } from './commands.js';

/** Folder of the scaffold templates. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates', import.meta.url));

/** The kinds `venuelab new plugin` can scaffold. */
export const SCAFFOLD_KINDS: readonly PluginKind[] = ['venue', 'agent', 'truth', 'metric'];

/** Options of {@link scaffoldPlugin}. */
export interface ScaffoldOptions {
  /** Plugin kind. */
  kind: PluginKind;
  /** Plugin name, kebab-case (e.g. `speed-bump`). */
  name: string;
  /** Target folder (default: `./venuelab-plugin-<kind>-<name>` under `cwd`); must not exist or be empty. */
  dir?: string;
  /** Folder relative paths resolve against (default: `process.cwd()`). */
  cwd?: string;
}

/** What {@link scaffoldPlugin} wrote. */
export interface ScaffoldResult {
  /** Absolute target folder. */
  dir: string;
  /** Package name. */
  packageName: string;
  /** Plugin id (`<kind>-<name>`). */
  id: string;
  /** Files written, relative to `dir`, sorted. */
  files: string[];
  /** Whether the package was placed inside the venuelab workspace (`workspace:` dependencies). */
  inWorkspace: boolean;
  /** The package's dependencies by specifier, as written to package.json (peer and dev). */
  devDependencies: Record<string, string>;
}

/** Per-kind facts: venuelab packages the test needs, the README's config table, example and test description. */
interface KindInfo {
  devVenuelab: string[];
  configRows: [string, string, string, string][];
  example: (pkg: string, id: string) => string;
  testWhat: string;
}

const KINDS: Record<PluginKind, KindInfo> = {
  venue: {
    devVenuelab: ['@venuelab/testing'],
    configRows: [
      ['tickSize', 'integer > 0', '1', 'price increment in price ticks; limit prices must be multiples'],
      ['takerFeeBps', 'number', '0', 'fee of the incoming leg in basis points of notional'],
    ],
    example: (pkg, id) => `venues:\n  - id: ${id}\n    plugin: "${pkg}"\n    config: { tickSize: 1 }`,
    testWhat: 'the venue conformance suite of @venuelab/testing and a matching test',
  },
  agent: {
    devVenuelab: ['@venuelab/testing', '@venuelab/plugin-venue-clob', '@venuelab/plugin-truth-random-walk', '@venuelab/plugin-agent-noise'],
    configRows: [
      ['interval', 'integer > 0', '10', 'ticks between decisions'],
      ['qty', 'integer > 0', '1', 'lots per order'],
      ['venue', 'string', '(first venue)', 'venue to trade on'],
    ],
    example: (pkg, id) => `agents:\n  - id: ${id}\n    plugin: "${pkg}"\n    count: 2\n    config: { interval: 10, qty: 1 }`,
    testWhat: 'a whole run with runTest (CLOB, random walk, noise traders)',
  },
  truth: {
    devVenuelab: ['@venuelab/testing', '@venuelab/plugin-venue-clob'],
    configRows: [
      ['sigma', 'number >= 0', '0.001', 'standard deviation of the latent increment per tick'],
      ['drift', 'number', '0', 'latent drift per tick'],
      ['space', 'auto | log | logodds | linear', 'auto', 'latent space'],
    ],
    example: (pkg) => `truth:\n  plugin: "${pkg}"\n  config: { sigma: 0.001 }`,
    testWhat: 'runs with runTest: the path starts at the opening mid and is deterministic',
  },
  metric: {
    devVenuelab: ['@venuelab/testing', '@venuelab/plugin-venue-clob', '@venuelab/plugin-truth-random-walk', '@venuelab/plugin-agent-noise'],
    configRows: [['prefix', 'string', '(the name, snake_case)', 'prefix of the metric names']],
    example: (pkg, id) => `metrics:\n  - id: ${id}\n    plugin: "${pkg}"`,
    testWhat: 'a whole run with runTest checks the rows against the trade log',
  },
};

/** Tool versions when the workspace root does not say. */
const TOOL_DEFAULTS: Record<string, string> = { vitest: '4.1.12', typescript: '6.0.3', '@types/node': '20.9.5' };

function pascal(name: string): string {
  return name
    .split('-')
    .filter((p) => p.length > 0)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

/** The venuelab workspace root above `dir`, if `dir` lies inside one. */
export function venuelabWorkspace(dir: string): string | undefined {
  let d = resolve(dir);
  while (!existsSync(d)) d = dirname(d);
  const root = findProjectRoot(d);
  if (root === undefined) return undefined;
  try {
    const kernel = JSON.parse(readFileSync(join(root, 'packages/kernel/package.json'), 'utf8')) as { name?: string };
    return kernel.name === '@venuelab/kernel' ? root : undefined;
  } catch {
    return undefined;
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, join(prefix, e)));
    else out.push(join(prefix, e));
  }
  return out;
}

/** Writes a new plugin package; throws a {@link CommanderError} (exit code 2) on a bad name, kind or target. */
export function scaffoldPlugin(o: ScaffoldOptions): ScaffoldResult {
  const fail = (msg: string): never => {
    throw new CommanderError(2, 'venuelab.new', msg);
  };
  if (!SCAFFOLD_KINDS.includes(o.kind)) fail(`--kind must be one of ${SCAFFOLD_KINDS.join(', ')}, got "${o.kind}"`);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(o.name)) fail(`--name must be kebab-case (lower-case letters, digits and single dashes), got "${o.name}"`);
  const id = `${o.kind}-${o.name}`;
  const packageName = `venuelab-plugin-${id}`;
  const dir = resolve(o.cwd ?? process.cwd(), o.dir ?? packageName);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) fail(`${dir} exists and is not an empty folder`);

  const root = venuelabWorkspace(dir);
  const inWorkspace = root !== undefined;
  const rootDev = inWorkspace
    ? ((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> }).devDependencies ?? {})
    : {};
  const info = KINDS[o.kind];
  const devDependencies: Record<string, string> = {};
  for (const p of ['@venuelab/kernel', ...info.devVenuelab]) devDependencies[p] = inWorkspace ? 'workspace:*' : `^${KERNEL_VERSION}`;
  for (const [tool, v] of Object.entries(TOOL_DEFAULTS)) devDependencies[tool] = rootDev[tool] ?? v;
  const sorted = Object.fromEntries(Object.entries(devDependencies).sort(([a], [b]) => (a < b ? -1 : 1)));

  const table = ['| field | type | default | description |', '| --- | --- | --- | --- |', ...info.configRows.map((r) => `| \`${r[0]}\` | ${r[1]} | ${r[2]} | ${r[3]} |`)].join('\n');
  const values: Record<string, string> = {
    __PACKAGE__: packageName,
    __NAME__: o.name,
    __ID__: id,
    __CLASS__: pascal(o.name),
    __SNAKE__: o.name.replace(/-/g, '_'),
    __KIND__: o.kind,
    __KERNEL_RANGE__: `^${KERNEL_VERSION}`,
    __PEER_KERNEL__: inWorkspace ? 'workspace:^' : `^${KERNEL_VERSION}`,
    __DEV_DEPENDENCIES__: JSON.stringify(sorted, null, 2).replace(/\n/g, '\n  '),
    __CONFIG_TABLE__: table,
    __EXAMPLE__: info.example(packageName, id),
    __TEST_WHAT__: info.testWhat,
  };
  const fill = (text: string) => text.replace(/__[A-Z_]+__/g, (k) => values[k] ?? k);

  const files: string[] = [];
  for (const layer of ['common', o.kind]) {
    const from = join(TEMPLATES_DIR, layer);
    for (const rel of listFiles(from)) {
      const target = rel.endsWith('.tmpl') ? rel.slice(0, -'.tmpl'.length) : rel;
      mkdirSync(dirname(join(dir, target)), { recursive: true });
      writeFileSync(join(dir, target), fill(readFileSync(join(from, rel), 'utf8')));
      files.push(target);
    }
  }
  return { dir, packageName, id, files: files.sort(), inWorkspace, devDependencies: sorted };
}

/** Registers `venuelab new plugin`. */
export function registerNew(program: Command, io: Io): void {
  const cmd = program.command('new').description('scaffold a new package');
  cmd
    .command('plugin')
    .description('scaffold a plugin package that typechecks and passes its tests as generated')
    .requiredOption('--kind <kind>', `plugin kind: ${SCAFFOLD_KINDS.join(' | ')}`)
    .requiredOption('--name <name>', 'plugin name, kebab-case (the package is venuelab-plugin-<kind>-<name>)')
    .option('--dir <dir>', 'target folder (default: ./venuelab-plugin-<kind>-<name>)')
    .action((opts: { kind: string; name: string; dir?: string }) => {
      let r: ScaffoldResult;
      try {
        r = scaffoldPlugin({ kind: opts.kind as PluginKind, name: opts.name, dir: opts.dir });
      } catch (e) {
        if (e instanceof CommanderError) io.err(e.message);
        throw e;
      }
      const rel = relative(process.cwd(), r.dir) || '.';
      io.out(`created ${r.packageName} (${opts.kind} plugin, id ${r.id}) in ${rel}`);
      for (const f of r.files) io.out(`  ${f}`);
      io.out('');
      io.out('next:');
      if (r.inWorkspace) io.out(`  pnpm install            # at the workspace root (the folder must match pnpm-workspace.yaml)`);
      else io.out(`  cd ${rel} && pnpm install`);
      io.out(`  cd ${rel} && pnpm test && pnpm typecheck`);
    });
}

/**
 * Loading experiment configs and the plugins they name.
 * @module
 */
import { readFileSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ConfigError,
  ErrorCode,
  pluginShapeProblems,
  validateRunSpec,
  zodIssues,
  type ComponentSpec,
  type ConfigIssue,
  type PluginDefinition,
  type RunSpec,
} from '@venuelab/kernel';
import { ExperimentConfigSchema, type ExperimentConfig } from './config.js';

/** A plugin loaded from disk. */
export interface LoadedPlugin {
  /** The name used in the config. */
  ref: string;
  /** Package name from its package.json. */
  packageName: string;
  /** Package version. */
  version: string;
  /** Directory of the package. */
  dir: string;
  /** The plugin definition (the module's default export). */
  plugin: PluginDefinition;
}

/** An experiment config loaded from a file, with its plugins. */
export interface LoadedExperiment {
  /** Absolute path of the config file. */
  path: string;
  /** Directory of the config file (relative plugin paths resolve from here). */
  baseDir: string;
  /** The parsed config with defaults. */
  config: ExperimentConfig;
  /** Plugins by the name used in the config. */
  plugins: Map<string, LoadedPlugin>;
}

/**
 * YAML's parser, loaded on first use: sweep worker threads receive configs as objects and never
 * parse YAML, and importing the package costs each of them some 50-90 ms at start-up.
 */
let yamlParse: ((text: string) => unknown) | undefined;
function parseYaml(text: string): unknown {
  yamlParse ??= (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse;
  return yamlParse(text);
}

/** Reads and parses a YAML or JSON file; throws a ConfigError for unreadable or malformed files. */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError([{ code: ErrorCode.Io, path: '', message: `cannot read ${path}: ${(e as Error).message}` }]);
  }
  try {
    return extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ConfigError([{ code: ErrorCode.Config, path: '', message: `cannot parse ${path}: ${(e as Error).message.split('\n')[0]}` }]);
  }
}

/** Validates the top level of a raw config; returns the parsed config or the problems. */
export function parseExperimentConfig(raw: unknown): { config?: ExperimentConfig; issues: ConfigIssue[] } {
  const r = ExperimentConfigSchema.safeParse(raw);
  if (!r.success) return { issues: zodIssues(r.error, '').map((i) => ({ ...i, plugin: i.plugin ?? pluginAt(raw, i.path) })) };
  return { config: r.data, issues: [] };
}

/** The plugin named by the component that contains a config path, if any (for messages). */
function pluginAt(raw: unknown, path: string): string | undefined {
  const m = /^(truth|(venues|agents|metrics)\[(\d+)\])/.exec(path);
  if (!m || !raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const comp = m[1] === 'truth' ? r.truth : (r[m[2]!] as unknown[] | undefined)?.[Number(m[3])];
  const plugin = comp && typeof comp === 'object' ? (comp as { plugin?: unknown }).plugin : undefined;
  return typeof plugin === 'string' ? plugin : undefined;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Finds the directory of the workspace (the nearest folder with pnpm-workspace.yaml above a path). */
export function findProjectRoot(from: string): string | undefined {
  let d = resolve(from);
  for (;;) {
    if (existsSync(join(d, 'pnpm-workspace.yaml'))) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

function nearestPackageJson(file: string): string | undefined {
  let d = statSync(file).isDirectory() ? file : dirname(file);
  for (;;) {
    const p = join(d, 'package.json');
    if (existsSync(p)) return p;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/**
 * Resolves a plugin reference to a file. Package names resolve from the config's folder, the
 * working directory and the venuelab installation; paths resolve from the config's folder and
 * must stay inside the config's project or the working directory's project (a plugin is code: it
 * runs with the user's rights).
 */
export function resolvePluginPath(ref: string, baseDir: string): { file?: string; problem?: string } {
  const isPath = ref.startsWith('.') || isAbsolute(ref);
  if (isPath) {
    const target = resolve(baseDir, ref);
    const roots = [findProjectRoot(baseDir) ?? baseDir, findProjectRoot(process.cwd()) ?? process.cwd()];
    const inside = roots.some((root) => {
      const rel = relative(root, target);
      return !(rel.startsWith('..') || isAbsolute(rel));
    });
    if (!inside) return { problem: `plugin path ${ref} is outside the project folder ${roots[0]}` };
    if (!existsSync(target)) return { problem: `no plugin package at ${target}` };
    try {
      return { file: createRequire(join(target, 'noop.js')).resolve(target) };
    } catch (e) {
      return { problem: `cannot resolve plugin package at ${target}: ${(e as Error).message.split('\n')[0]}` };
    }
  }
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(ref)) return { problem: `"${ref}" is not a package name or a relative path` };
  for (const base of [baseDir, process.cwd(), here]) {
    try {
      return { file: createRequire(join(base, 'noop.js')).resolve(ref) };
    } catch {
      /* try the next base */
    }
  }
  return { problem: `plugin package "${ref}" is not installed (looked from ${baseDir} and ${process.cwd()})` };
}

/** The outcome of loading one plugin: the plugin, or a problem description with its error code. */
export interface PluginLoad {
  /** The loaded plugin, when it loaded. */
  loaded?: LoadedPlugin;
  /** Why it did not load. */
  problem?: string;
  /** The error code of the problem. */
  code?: ConfigIssue['code'];
}

/**
 * Plugins loaded by this thread, by base folder and reference. A module is imported once per thread
 * anyway; keeping the resolved plugin spares a sweep worker the resolution (file-system lookups and,
 * under a loader such as tsx, a round trip to the loader thread) for every run it executes.
 */
const loadedPlugins = new Map<string, Promise<PluginLoad>>();

/** Imports one plugin (once per thread for a given folder and reference); returns it or a problem description. */
export function loadPlugin(ref: string, baseDir: string): Promise<PluginLoad> {
  const key = `${baseDir}\u0000${ref}`;
  let p = loadedPlugins.get(key);
  if (!p) {
    p = importPlugin(ref, baseDir);
    loadedPlugins.set(key, p);
    // Only successes are kept: a plugin that failed may be installed or fixed before the next try.
    const forget = () => loadedPlugins.delete(key);
    void p.then((r) => (r.loaded ? undefined : forget()), forget);
  }
  return p;
}

async function importPlugin(ref: string, baseDir: string): Promise<PluginLoad> {
  const { file, problem } = resolvePluginPath(ref, baseDir);
  if (!file) return { problem, code: ErrorCode.PluginNotFound };
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    return { problem: `cannot import plugin "${ref}": ${(e as Error).message.split('\n')[0]}`, code: ErrorCode.PluginInvalid };
  }
  const def = mod.default;
  const shape = pluginShapeProblems(def);
  if (shape.length > 0) return { problem: `"${ref}" does not export a plugin as default: ${shape.join('; ')}`, code: ErrorCode.PluginInvalid };
  // A single-file plugin (a path to a file, not to a package folder) is named by its path: the
  // nearest package.json is then the enclosing project's, whose name would hide the culprit in errors.
  const fileRef = (ref.startsWith('.') || isAbsolute(ref)) && statSync(resolve(baseDir, ref)).isFile();
  const pj = fileRef ? undefined : nearestPackageJson(file);
  const meta = pj ? (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string; version?: string }) : {};
  return {
    loaded: {
      ref,
      packageName: meta.name ?? ref,
      version: meta.version ?? (def as PluginDefinition).version,
      dir: pj ? dirname(pj) : dirname(file),
      plugin: def as PluginDefinition,
    },
  };
}

/** Every plugin reference in a config with the config path of its field. */
export function pluginRefs(config: ExperimentConfig): { ref: string; path: string }[] {
  return [
    { ref: config.truth.plugin, path: 'truth.plugin' },
    ...config.venues.map((v, i) => ({ ref: v.plugin, path: `venues[${i}].plugin` })),
    ...config.agents.map((a, i) => ({ ref: a.plugin, path: `agents[${i}].plugin` })),
    ...config.metrics.map((m, i) => ({ ref: m.plugin, path: `metrics[${i}].plugin` })),
  ];
}

/** Loads every plugin a config names; collects problems instead of stopping at the first. */
export async function loadPlugins(config: ExperimentConfig, baseDir: string): Promise<{ plugins: Map<string, LoadedPlugin>; issues: ConfigIssue[] }> {
  const plugins = new Map<string, LoadedPlugin>();
  const issues: ConfigIssue[] = [];
  for (const { ref, path } of pluginRefs(config)) {
    if (plugins.has(ref)) continue;
    const r = await loadPlugin(ref, baseDir);
    if (r.loaded) plugins.set(ref, r.loaded);
    else issues.push({ code: r.code ?? ErrorCode.PluginNotFound, path, plugin: ref, message: r.problem ?? 'cannot load plugin' });
  }
  return { plugins, issues };
}

/** Builds a kernel run spec from a loaded config (all plugins must be loaded). */
export function buildRunSpec(config: ExperimentConfig, plugins: Map<string, LoadedPlugin>, seed = config.seed): RunSpec {
  const comp = (c: { id?: string; plugin: string; config?: unknown }, path: string, fallbackId: string): ComponentSpec => {
    const p = plugins.get(c.plugin);
    return { id: c.id ?? fallbackId, plugin: p?.plugin as PluginDefinition, packageName: p?.packageName ?? c.plugin, config: c.config, path };
  };
  return {
    runId: `${config.name}:seed-${seed}`,
    seed,
    duration: config.duration,
    tiePolicy: config.tiePolicy,
    markets: config.markets,
    truth: comp(config.truth, 'truth', 'truth'),
    venues: config.venues.map((v, i) => comp(v, `venues[${i}]`, v.id)),
    agents: config.agents.map((a, i) => ({
      ...comp(a, `agents[${i}]`, a.id),
      count: a.count,
      role: a.role,
      latency: a.latency,
      venues: a.venues,
    })),
    metrics: config.metrics.map((m, i) => comp(m, `metrics[${i}]`, m.id ?? `${plugins.get(m.plugin)?.plugin.id ?? 'metric'}-${i}`)),
    recording: config.recording,
    guardrails: config.guardrails,
  };
}

/**
 * Loads an experiment file and checks everything that can be checked before a run: the config's
 * shape, every plugin (found, importable, a plugin), kernel ranges, dependencies and every plugin
 * config. Throws one {@link ConfigError} listing every problem.
 */
export async function loadExperiment(path: string, overrides: { seed?: number; mutate?: (raw: unknown) => unknown } = {}): Promise<LoadedExperiment> {
  const abs = resolve(path);
  let raw = readConfigFile(abs);
  if (overrides.mutate) raw = overrides.mutate(raw);
  return loadExperimentFromObject(raw, dirname(abs), abs, overrides.seed);
}

/** Like {@link loadExperiment} for an already parsed config object. */
export async function loadExperimentFromObject(raw: unknown, baseDir: string, path = join(baseDir, '<inline>'), seed?: number): Promise<LoadedExperiment> {
  const { config, issues } = parseExperimentConfig(raw);
  if (!config) throw new ConfigError(issues);
  if (seed !== undefined) config.seed = seed;
  const loaded = await loadPlugins(config, baseDir);
  const spec = buildRunSpec(config, loaded.plugins);
  if (loaded.issues.length > 0) {
    // Check what did load too, so one pass reports every problem; components whose plugin did not load are left out.
    const ok = (c: ComponentSpec) => c.plugin !== undefined;
    const partial = { ...spec, venues: spec.venues.filter(ok), agents: spec.agents.filter(ok), metrics: spec.metrics.filter(ok) };
    const rest = ok(spec.truth) && partial.venues.length > 0 ? validateRunSpec(partial).issues : [];
    throw new ConfigError([...loaded.issues, ...rest.filter((i) => i.code !== ErrorCode.MissingDependency)]);
  }
  const checked = validateRunSpec(spec);
  if (checked.issues.length > 0) throw new ConfigError(checked.issues);
  return { path, baseDir, config, plugins: loaded.plugins };
}

/**
 * Discovering installed plugins: every package under the project's node_modules (and scoped
 * folders) whose package.json has the keyword `venuelab-plugin`.
 * @module
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlugin, type LoadedPlugin } from '@venuelab/experiment';
import { z } from '@venuelab/kernel';

/** One plugin as `venuelab plugins --json` prints it. */
export interface PluginListing {
  /** Package name. */
  package: string;
  /** Plugin id. */
  id: string;
  /** Kind. */
  kind: string;
  /** Version. */
  version: string;
  /** Description. */
  description: string;
  /** Config schema as JSON Schema. */
  schema: unknown;
}

/** Package folders with the `venuelab-plugin` keyword under `root/node_modules`. */
export function findPluginPackages(root: string): string[] {
  const nm = join(root, 'node_modules');
  if (!existsSync(nm)) return [];
  const dirs: string[] = [];
  for (const entry of readdirSync(nm)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const sub of readdirSync(join(nm, entry))) dirs.push(join(nm, entry, sub));
    else dirs.push(join(nm, entry));
  }
  const out = new Set<string>();
  for (const d of dirs) {
    const pj = join(d, 'package.json');
    if (!existsSync(pj)) continue;
    try {
      const meta = JSON.parse(readFileSync(pj, 'utf8')) as { keywords?: string[]; name?: string };
      if (meta.keywords?.includes('venuelab-plugin') && meta.name) out.add(meta.name);
    } catch {
      /* not a readable package */
    }
  }
  return [...out].sort();
}

/** Loads every installed plugin and describes it; problems are returned, not thrown. */
export async function listPlugins(root: string): Promise<{ plugins: PluginListing[]; problems: string[] }> {
  const plugins: PluginListing[] = [];
  const problems: string[] = [];
  for (const name of findPluginPackages(root)) {
    const r = await loadPlugin(name, realpathSync(root));
    if (!r.loaded) {
      problems.push(`${name}: ${r.problem}`);
      continue;
    }
    plugins.push(describe(r.loaded));
  }
  return { plugins, problems };
}

/** Describes a loaded plugin, its schema as JSON Schema. */
export function describe(p: LoadedPlugin): PluginListing {
  let schema: unknown;
  try {
    schema = z.toJSONSchema(p.plugin.configSchema, { io: 'input', unrepresentable: 'any' });
  } catch (e) {
    schema = { error: `schema cannot be expressed as JSON Schema: ${(e as Error).message}` };
  }
  return { package: p.packageName, id: p.plugin.id, kind: p.plugin.kind, version: p.version, description: p.plugin.description ?? '', schema };
}

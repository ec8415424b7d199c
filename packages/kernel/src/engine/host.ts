/**
 * The plugin host's checks: every plugin's kernel range, dependencies and config are validated
 * before any run starts, and every problem is reported (not only the first), each naming the
 * component path, the plugin and what was expected.
 * @module
 */
import semver from 'semver';
import type { z } from 'zod';
import { ErrorCode, type ConfigIssue } from '../errors.js';
import type { PluginKind } from '../contracts/plugin.js';
import { pluginShapeProblems } from '../contracts/plugin.js';
import { LatencySchema, type LatencyConfig } from './latency.js';
import { GuardrailsSchema, RecordingSchema, type ComponentSpec, type Guardrails, type Recording, type RunSpec } from './spec.js';
import { KERNEL_VERSION } from '../version.js';

/** A component after validation: config parsed with defaults. */
export interface ResolvedComponent extends ComponentSpec {
  /** The parsed config. */
  resolvedConfig: unknown;
  /** Agents: parsed latency. */
  resolvedLatency?: LatencyConfig;
  /** Agents: role. */
  resolvedRole?: string;
}

/** A validated run spec. */
export interface ResolvedRunSpec extends Omit<RunSpec, 'truth' | 'venues' | 'agents' | 'metrics' | 'recording' | 'guardrails'> {
  /** Truth component. */
  truth: ResolvedComponent;
  /** Venues. */
  venues: ResolvedComponent[];
  /** Agents. */
  agents: ResolvedComponent[];
  /** Metrics. */
  metrics: ResolvedComponent[];
  /** Recording options with defaults. */
  recording: Recording;
  /** Guardrails with defaults. */
  guardrails: Guardrails;
}

/** Formats a zod issue path the way config paths are written: `a.b[2].c`. */
export function formatPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** Turns zod issues into config issues under a base path. */
export function zodIssues(error: z.ZodError, base: string, plugin?: string): ConfigIssue[] {
  return error.issues.map((i) => ({
    code: ErrorCode.Config,
    path: formatPath(base, i.path),
    plugin,
    message: describeZodIssue(i),
  }));
}

function describeZodIssue(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'unrecognized_keys':
      return `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} (not in the schema)`;
    default:
      return i.message;
  }
}

/**
 * Validates a run spec: plugin shapes and kinds, kernel ranges, dependencies, unique ids, agent
 * venue references, and every component's config against its plugin's schema.
 * @returns the resolved spec and the list of problems (resolved is only usable when problems is empty)
 */
export function validateRunSpec(spec: RunSpec): {
  /** The spec with every config parsed and defaults applied (meaningful only when `issues` is empty). */
  resolved: ResolvedRunSpec;
  /** Every problem found, each with its field path. */
  issues: ConfigIssue[];
} {
  const issues: ConfigIssue[] = [];
  if (!Number.isSafeInteger(spec.seed)) issues.push({ code: ErrorCode.Config, path: 'seed', message: 'expected an integer seed' });
  if (!Number.isSafeInteger(spec.duration) || spec.duration <= 0) {
    issues.push({ code: ErrorCode.Config, path: 'duration', message: 'expected a positive integer number of ticks' });
  }
  if (spec.markets.length === 0) issues.push({ code: ErrorCode.Config, path: 'markets', message: 'expected at least one market' });

  const present = new Set<string>();
  const all: [ComponentSpec, PluginKind][] = [
    [spec.truth, 'truth'],
    ...spec.venues.map((v): [ComponentSpec, PluginKind] => [v, 'venue']),
    ...spec.agents.map((a): [ComponentSpec, PluginKind] => [a, 'agent']),
    ...spec.metrics.map((m): [ComponentSpec, PluginKind] => [m, 'metric']),
  ];
  for (const [c] of all) if (c.plugin && typeof c.plugin.id === 'string') present.add(c.plugin.id);

  const ids = new Map<string, string>();
  const resolve = (c: ComponentSpec, kind: PluginKind): ResolvedComponent => {
    const out: ResolvedComponent = { ...c, resolvedConfig: undefined };
    const shape = pluginShapeProblems(c.plugin);
    if (shape.length > 0) {
      issues.push({ code: ErrorCode.PluginInvalid, path: c.path, plugin: c.packageName, message: `not a valid plugin: ${shape.join('; ')}` });
      return out;
    }
    const p = c.plugin;
    if (p.kind !== kind) {
      issues.push({ code: ErrorCode.Config, path: `${c.path}.plugin`, plugin: c.packageName, message: `expected a ${kind} plugin, got a ${p.kind} plugin` });
    }
    if (!semver.validRange(p.kernel) || !semver.satisfies(KERNEL_VERSION, p.kernel, { includePrerelease: true })) {
      issues.push({
        code: ErrorCode.KernelRange,
        path: `${c.path}.plugin`,
        plugin: c.packageName,
        message: `plugin needs kernel ${p.kernel}, this kernel is ${KERNEL_VERSION}`,
      });
    }
    for (const dep of p.dependsOn ?? []) {
      if (!present.has(dep)) {
        issues.push({
          code: ErrorCode.MissingDependency,
          path: `${c.path}.plugin`,
          plugin: c.packageName,
          message: `depends on plugin "${dep}", which is not part of the experiment`,
        });
      }
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(c.id)) {
      issues.push({ code: ErrorCode.Config, path: `${c.path}.id`, plugin: c.packageName, message: 'expected an id of letters, digits, _ . : -' });
    } else if (ids.has(c.id)) {
      issues.push({ code: ErrorCode.Config, path: `${c.path}.id`, plugin: c.packageName, message: `duplicate id "${c.id}" (also used by ${ids.get(c.id)})` });
    } else ids.set(c.id, c.path);

    const parsed = p.configSchema.safeParse(c.config ?? {});
    if (!parsed.success) issues.push(...zodIssues(parsed.error as z.ZodError, `${c.path}.config`, c.packageName));
    else out.resolvedConfig = parsed.data;

    if (kind === 'agent') {
      const lat = LatencySchema.safeParse(c.latency ?? {});
      if (!lat.success) issues.push(...zodIssues(lat.error, `${c.path}.latency`, c.packageName));
      else out.resolvedLatency = lat.data;
      out.resolvedRole = c.role ?? p.defaultRole ?? p.id;
      const count = c.count ?? 1;
      if (!Number.isSafeInteger(count) || count < 1) {
        issues.push({ code: ErrorCode.Config, path: `${c.path}.count`, plugin: c.packageName, message: 'expected a positive integer' });
      }
      for (const [j, v] of (c.venues ?? []).entries()) {
        if (!spec.venues.some((x) => x.id === v)) {
          issues.push({ code: ErrorCode.Config, path: `${c.path}.venues[${j}]`, plugin: c.packageName, message: `unknown venue "${v}" (venues: ${spec.venues.map((x) => x.id).join(', ') || 'none'})` });
        }
      }
    }
    return out;
  };

  const truth = resolve(spec.truth, 'truth');
  const venues = spec.venues.map((v) => resolve(v, 'venue'));
  const agents = spec.agents.map((a) => resolve(a, 'agent'));
  const metrics = spec.metrics.map((m) => resolve(m, 'metric'));
  if (venues.length === 0) issues.push({ code: ErrorCode.Config, path: 'venues', message: 'expected at least one venue' });

  const rec = RecordingSchema.safeParse(spec.recording ?? {});
  if (!rec.success) issues.push(...zodIssues(rec.error, 'recording'));
  const guard = GuardrailsSchema.safeParse(spec.guardrails ?? {});
  if (!guard.success) issues.push(...zodIssues(guard.error, 'guardrails'));

  return {
    resolved: {
      runId: spec.runId,
      seed: spec.seed,
      duration: spec.duration,
      tiePolicy: spec.tiePolicy,
      markets: spec.markets,
      truth,
      venues,
      agents,
      metrics,
      recording: rec.success ? rec.data : RecordingSchema.parse({}),
      guardrails: guard.success ? guard.data : GuardrailsSchema.parse({}),
    },
    issues,
  };
}

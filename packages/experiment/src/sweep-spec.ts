/**
 * Sweep specification and grid expansion.
 *
 * ```yaml
 * sweep:
 *   seeds: 20                      # or a list [1, 2, 3], or { count: 20, start: 100 }
 *   grid:
 *     mechanism:                   # an axis with labelled values, each a set of path assignments
 *       values:
 *         clob: { "venues[0]": { id: venue, plugin: "@venuelab/plugin-venue-clob" } }
 *         fba-5: { "venues[0]": { id: venue, plugin: "@venuelab/plugin-venue-fba", config: { tau: 5 } } }
 *     informed:                    # an axis over one path with a list of values
 *       path: agents[1].count
 *       values: [0, 5, 10]
 *   comparisons:
 *     - axis: mechanism
 *       control: clob              # every other label of the axis is a treatment (or list them)
 *   report:
 *     metrics: [{ metric: pnl_truth, scope: role, key: noise }]   # mean +- SEM against a 1-D axis, a heat map over 2-D
 *     distributions:               # distribution across keys (e.g. books), arms side by side
 *       - { metric: arena_book_sharpe, scope: market, by: agent, summary: { metric: arena_score } }
 * ```
 * Cells are the cartesian product of the axes. Every seed runs in every cell (common random
 * numbers: components draw from streams named by their ids, so the same seed gives the same truth
 * path, signals and arrivals whatever the venue).
 * @module
 */
import { ConfigError, ErrorCode, z, zodIssues, type ConfigIssue } from '@venuelab/kernel';
import { canonicalJson, hashOf } from './files.js';
import { parsePath, setPath } from './paths.js';
import { ReportSpecSchema } from './plots.js';

const assignments = z.record(z.string(), z.unknown());

/** Schema of the `sweep` section. */
export const SweepSchema = z.strictObject({
  seeds: z
    .union([
      z.number().int().positive().describe('number of seeds, starting at 1'),
      z.array(z.number().int()).min(1).describe('explicit seeds'),
      z.strictObject({ count: z.number().int().positive(), start: z.number().int().default(1) }),
    ])
    .default(10),
  grid: z
    .record(
      z.string().regex(/^[A-Za-z][\w-]*$/, 'axis names are letters, digits, _ and -'),
      z.strictObject({
        path: z.string().optional().describe('config path every value is assigned to'),
        values: z
          .union([z.array(z.unknown()).min(1), z.record(z.string(), z.unknown())])
          .describe('a list of values (labels are the values), or a map label -> value'),
      }),
    )
    .default({}),
  comparisons: z
    .array(
      z.strictObject({
        name: z.string().optional(),
        axis: z.string(),
        control: z.string().describe('label of the control value'),
        treatments: z.array(z.string()).optional().describe('labels of the treatments (default: every other label)'),
      }),
    )
    .default([]),
  better: z
    .record(z.string(), z.enum(['higher', 'lower']))
    .default({})
    .describe('direction of improvement per metric name, for the share of seeds improved (default higher)'),
  scopes: z
    .array(z.enum(['all', 'role', 'agent', 'venue', 'market']))
    .default(['all', 'role', 'venue', 'market'])
    .describe('metric scopes kept in the results store (per-agent rows are many; add `agent` to keep them)'),
  report: ReportSpecSchema.default({ metrics: [], distributions: [] }).describe('what the report plots (pi-curve, metrics by axis, distributions across keys)'),
});

/** The parsed sweep section. */
export type SweepSpec = z.output<typeof SweepSchema>;

/** One value of an axis. */
export interface AxisValue {
  /** Label used in cell ids and tables. */
  label: string;
  /** Path -> value assignments this value makes. */
  set: Record<string, unknown>;
}

/** An axis of the grid. */
export interface Axis {
  /** Axis name. */
  name: string;
  /** Its values, in order. */
  values: AxisValue[];
}

/** One grid cell. */
export interface Cell {
  /** Stable id, e.g. `mechanism=fba-5,informed=10` (`base` for an empty grid). */
  id: string;
  /** Label per axis. */
  labels: Record<string, string>;
  /** Path -> value assignments of the cell. */
  set: Record<string, unknown>;
}

/** An expanded sweep. */
export interface ExpandedSweep {
  /** Sweep id: the experiment name and a hash of the config (with the sweep section). */
  id: string;
  /** Axes. */
  axes: Axis[];
  /** Cells, in order (first axis slowest). */
  cells: Cell[];
  /** Seeds. */
  seeds: number[];
  /** The parsed sweep spec. */
  spec: SweepSpec;
}

function label(v: unknown): string {
  return typeof v === 'string' ? v : canonicalJson(v);
}

/** Parses and expands the sweep section of a raw config. Throws a ConfigError naming every bad field. */
export function expandSweep(raw: Record<string, unknown>): ExpandedSweep {
  const parsed = SweepSchema.safeParse(raw.sweep ?? {});
  if (!parsed.success) throw new ConfigError(zodIssues(parsed.error, 'sweep'));
  const spec = parsed.data;
  const issues: ConfigIssue[] = [];
  const axes: Axis[] = [];
  for (const [name, ax] of Object.entries(spec.grid)) {
    const values: AxisValue[] = [];
    const entries: [string, unknown][] = Array.isArray(ax.values) ? ax.values.map((v) => [label(v), v]) : Object.entries(ax.values);
    for (const [lab, v] of entries) {
      if (ax.path) values.push({ label: lab, set: { [ax.path]: v } });
      else {
        const a = assignments.safeParse(v);
        if (!a.success || Object.keys(a.data).length === 0) {
          issues.push({ code: ErrorCode.Config, path: `sweep.grid.${name}.values.${lab}`, message: 'without `path`, each value must be a map of config path -> value' });
          continue;
        }
        values.push({ label: lab, set: a.data });
      }
    }
    for (const v of values) {
      for (const p of Object.keys(v.set)) {
        try {
          parsePath(p);
        } catch (e) {
          issues.push({ code: ErrorCode.Config, path: `sweep.grid.${name}`, message: (e as Error).message });
        }
      }
    }
    if (new Set(values.map((v) => v.label)).size !== values.length) {
      issues.push({ code: ErrorCode.Config, path: `sweep.grid.${name}.values`, message: 'labels must be unique' });
    }
    axes.push({ name, values });
  }
  for (const [i, c] of spec.comparisons.entries()) {
    const ax = axes.find((a) => a.name === c.axis);
    if (!ax) {
      issues.push({ code: ErrorCode.Config, path: `sweep.comparisons[${i}].axis`, message: `unknown axis "${c.axis}" (axes: ${axes.map((a) => a.name).join(', ') || 'none'})` });
      continue;
    }
    for (const l of [c.control, ...(c.treatments ?? [])]) {
      if (!ax.values.some((v) => v.label === l)) {
        issues.push({ code: ErrorCode.Config, path: `sweep.comparisons[${i}]`, message: `axis ${c.axis} has no value "${l}" (values: ${ax.values.map((v) => v.label).join(', ')})` });
      }
    }
  }
  for (const [i, d] of spec.report.distributions.entries()) {
    const at = `sweep.report.distributions[${i}]`;
    const kept = spec.scopes.join(', ');
    if (!spec.scopes.includes(d.scope)) {
      issues.push({ code: ErrorCode.Config, path: `${at}.scope`, message: `rows of scope "${d.scope}" are not kept by this sweep: add "${d.scope}" to sweep.scopes (now: ${kept})` });
    }
    if (d.summary && !spec.scopes.includes(d.summary.scope)) {
      issues.push({ code: ErrorCode.Config, path: `${at}.summary.scope`, message: `rows of scope "${d.summary.scope}" are not kept by this sweep: add "${d.summary.scope}" to sweep.scopes (now: ${kept})` });
    }
    if (d.by === 'cell' && (d.groups !== undefined || d.control !== undefined)) {
      issues.push({ code: ErrorCode.Config, path: `${at}.by`, message: '`groups` and `control` apply to `by: agent` only (with `by: cell` every cell is an arm, paired through sweep.comparisons)' });
    }
    if (d.groups && d.control !== undefined && !d.groups.includes(d.control)) {
      issues.push({ code: ErrorCode.Config, path: `${at}.control`, message: `control "${d.control}" is not one of groups (${d.groups.join(', ')})` });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);

  let cells: Cell[] = [{ id: '', labels: {}, set: {} }];
  for (const ax of axes) {
    const next: Cell[] = [];
    for (const c of cells) {
      for (const v of ax.values) {
        next.push({
          id: c.id ? `${c.id},${ax.name}=${v.label}` : `${ax.name}=${v.label}`,
          labels: { ...c.labels, [ax.name]: v.label },
          set: { ...c.set, ...v.set },
        });
      }
    }
    cells = next;
  }
  if (cells.length === 1 && cells[0]!.id === '') cells[0]!.id = 'base';
  const s = spec.seeds;
  const seeds = typeof s === 'number' ? Array.from({ length: s }, (_, i) => i + 1) : Array.isArray(s) ? [...s] : Array.from({ length: s.count }, (_, i) => s.start + i);
  const { sweep: _omit, ...rest } = raw;
  const id = `${String(raw.name ?? 'sweep')}-${hashOf({ config: rest, grid: spec.grid })}`;
  return { id, axes, cells, seeds, spec };
}

/** The raw config of one cell: a deep copy of the base with the cell's assignments applied and no sweep section. */
export function cellConfig(raw: Record<string, unknown>, cell: Cell): Record<string, unknown> {
  const copy = structuredClone(raw);
  delete copy.sweep;
  for (const [p, v] of Object.entries(cell.set)) setPath(copy, p, structuredClone(v));
  return copy;
}

/**
 * A test kernel: build and execute runs straight from plugin definitions, without config files.
 * @module
 */
import {
  executeRun,
  Run,
  type ComponentSpec,
  type MarketSpec,
  type PluginDefinition,
  type RunOptions,
  type RunOutput,
  type RunSpec,
  type TiePolicy,
} from '@venuelab/kernel';

/** A component for {@link testRunSpec}. */
export interface TestComponent {
  /** The plugin definition. */
  plugin: PluginDefinition;
  /** Component id (default: the plugin id). */
  id?: string;
  /** Plugin config. */
  config?: unknown;
  /** Agents: count. */
  count?: number;
  /** Agents: role. */
  role?: string;
  /** Agents: latency knobs. */
  latency?: unknown;
  /** Agents: venues. */
  venues?: string[];
}

/** Options of {@link testRunSpec}. */
export interface TestRunOptions {
  /** Root seed (default 1). */
  seed?: number;
  /** Duration in ticks (default 100). */
  duration?: number;
  /** Tie policy (default `shuffle`). */
  tiePolicy?: TiePolicy;
  /** Markets (default: one price market `M` with opening mid 100.00 and tick 0.01). */
  markets?: MarketSpec[];
  /** The truth component. */
  truth: TestComponent;
  /** Venues. */
  venues: TestComponent[];
  /** Agents. */
  agents?: TestComponent[];
  /** Metrics. */
  metrics?: TestComponent[];
  /** Recording options. */
  recording?: RunSpec['recording'];
  /** Guardrails. */
  guardrails?: RunSpec['guardrails'];
}

/** The default test market: `M`, a price market at 100.00 with a 0.01 tick. */
export const TEST_MARKET: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };

/** Builds a run spec from plugin definitions. */
export function testRunSpec(o: TestRunOptions): RunSpec {
  const comp = (c: TestComponent, path: string): ComponentSpec => ({
    id: c.id ?? c.plugin.id,
    plugin: c.plugin,
    packageName: `test:${c.plugin.id}`,
    config: c.config ?? {},
    count: c.count,
    role: c.role,
    latency: c.latency,
    venues: c.venues,
    path,
  });
  return {
    seed: o.seed ?? 1,
    duration: o.duration ?? 100,
    tiePolicy: o.tiePolicy ?? 'shuffle',
    markets: o.markets ?? [TEST_MARKET],
    truth: comp(o.truth, 'truth'),
    venues: o.venues.map((v, i) => comp(v, `venues[${i}]`)),
    agents: (o.agents ?? []).map((a, i) => comp(a, `agents[${i}]`)),
    metrics: (o.metrics ?? []).map((m, i) => comp(m, `metrics[${i}]`)),
    recording: o.recording,
    guardrails: o.guardrails,
  };
}

/** Builds and executes a run from plugin definitions. */
export function runTest(o: TestRunOptions, options: RunOptions = {}): RunOutput {
  return executeRun(testRunSpec(o), options);
}

/** Builds a run and advances it to `started`, for tests that attach listeners or drive phases by hand. */
export function startedRun(o: TestRunOptions, options: RunOptions = {}): Run {
  const run = new Run(testRunSpec(o), options);
  run.validate();
  run.register();
  run.resolve();
  return run;
}

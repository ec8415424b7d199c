import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  definePlugin,
  ErrorCode,
  executeRun,
  PluginRunError,
  Run,
  validateRunSpec,
  VenuelabError,
  type AgentContext,
  type RunSpec,
} from '../src/index.js';
import { flatTruth, futurePlugin, houseVenue, legCount, needyPlugin, randomTaker } from './fixtures.js';

const market = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 1, kind: 'price' as const };

function spec(over: Partial<RunSpec> = {}, agentConfig: unknown = {}): RunSpec {
  return {
    seed: 5,
    duration: 200,
    tiePolicy: 'shuffle',
    markets: [market],
    truth: { id: 'truth', plugin: flatTruth, packageName: 'test-truth', config: {}, path: 'truth' },
    venues: [{ id: 'house', plugin: houseVenue, packageName: 'test-venue', config: {}, path: 'venues[0]' }],
    agents: [{ id: 'taker', plugin: randomTaker, packageName: 'test-taker', config: agentConfig, count: 4, path: 'agents[0]' }],
    metrics: [{ id: 'legs', plugin: legCount, packageName: 'test-metric', config: {}, path: 'metrics[0]' }],
    ...over,
  };
}

const tradeFingerprint = (s: RunSpec) => JSON.stringify(executeRun(s).record.trades);

describe('run lifecycle', () => {
  it('runs end to end: fills drained into the trade log (two legs each), roles, metrics', () => {
    const { record, metrics } = executeRun(spec());
    const n = (record.trades.t as number[]).length;
    expect(n).toBeGreaterThan(0);
    expect(n % 2).toBe(0);
    expect(new Set(record.trades.role as string[])).toEqual(new Set(['house', 'taker']));
    expect(metrics).toEqual([{ metric: 'legs', scope: 'all', key: '', horizon: null, value: n }]);
    expect(record.participants.map((p) => p.id)).toEqual(['house', 'taker-0', 'taker-1', 'taker-2', 'taker-3']);
    expect((record.mids.t as number[]).length).toBe(200);
    expect((record.truth.t as number[]).length).toBe(200);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    expect(tradeFingerprint(spec())).toBe(tradeFingerprint(spec()));
    expect(tradeFingerprint(spec({ seed: 6 }))).not.toBe(tradeFingerprint(spec()));
  });

  it('two runs interleaved in one process give the same results as each alone', () => {
    const aloneA = tradeFingerprint(spec({ seed: 1 }));
    const aloneB = tradeFingerprint(spec({ seed: 2 }));
    const a = new Run(spec({ seed: 1 }));
    const b = new Run(spec({ seed: 2 }));
    for (const r of [a, b]) {
      r.validate();
      r.register();
    }
    a.resolve();
    b.resolve();
    b.start();
    a.start();
    // interleave event by event
    let more = true;
    while (more) {
      more = a.scheduler.step(199) || false;
      more = b.scheduler.step(199) || more;
    }
    // finish via the normal phases (nothing left to run)
    a.run();
    b.run();
    a.stop();
    b.stop();
    const ra = a.collect();
    const rb = b.collect();
    expect(JSON.stringify(ra.record.trades)).toBe(aloneA);
    expect(JSON.stringify(rb.record.trades)).toBe(aloneB);
  });

  it('enforces the phase order', () => {
    const r = new Run(spec());
    expect(() => r.register()).toThrow(/cannot enter phase "registered" from "new"/);
    r.validate();
    expect(() => r.start()).toThrow(VenuelabError);
  });

  it('a plugin that throws mid-run fails the run naming the plugin, the tick and the seed', () => {
    let err: unknown;
    try {
      executeRun(spec({}, { every: 5, failAt: 40 }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PluginRunError);
    const e = err as PluginRunError;
    expect(e.code).toBe(ErrorCode.PluginFailed);
    expect(e.message).toContain('test-taker');
    expect(e.message).toContain('t=40');
    expect(e.message).toContain('seed 5');
    expect(e.message).toContain('boom');
  });

  it('writes a heartbeat (tick, running component in spec order) that another thread could read', () => {
    const heartbeat = new Float64Array(new SharedArrayBuffer(16)).fill(NaN);
    expect(() => executeRun(spec({}, { every: 5, failAt: 40 }), { heartbeat })).toThrow(PluginRunError);
    // the agent component (0 truth, 1 venue, 2 agents) was running at tick 40 when it failed
    expect([...heartbeat]).toEqual([40, 2]);
    const done = new Float64Array(2).fill(NaN);
    executeRun(spec(), { heartbeat: done });
    expect(done[1]).toBe(-1); // back in the kernel after the metrics
  });

  it('a metric returning NaN fails the run with VL_ERR_NON_FINITE', () => {
    const s = spec({ metrics: [{ id: 'legs', plugin: legCount, packageName: 'test-metric', config: { nan: true }, path: 'metrics[0]' }] });
    expect(() => executeRun(s)).toThrow(expect.objectContaining({ code: ErrorCode.NonFinite }));
  });

  it('freezes registration after start', () => {
    let captured: { provide: (t: symbol, f: () => unknown) => void } | undefined;
    const sneaky = { ...houseVenue, register: (ctx: Parameters<typeof houseVenue.register>[0]) => {
      captured = ctx as never;
      houseVenue.register(ctx);
    } };
    const r = new Run(spec({ venues: [{ id: 'house', plugin: sneaky, packageName: 'sneaky', config: {}, path: 'venues[0]' }] }));
    r.validate();
    r.register();
    r.resolve();
    r.start();
    expect(() => captured!.provide(Symbol('x'), () => 1)).toThrow(/after the run started/);
  });

  it('guardrails end a runaway run with a coded error', () => {
    const s = spec({ guardrails: { maxEvents: 4096 } }, { every: 1 });
    expect(() => executeRun({ ...s, duration: 100_000 })).toThrow(expect.objectContaining({ code: ErrorCode.Guardrail }));
  });
});

/** The random taker's logic written against context functions taken off the context (called detached). */
const detachedTaker = definePlugin({
  ...randomTaker,
  id: 'agent-detached-taker',
  register(ctx) {
    ctx.registerAgent((a: AgentContext) => {
      const { wakeIn, rng, submitMarket, venueIds, markets, now } = a;
      const every = (ctx.config as { every: number }).every;
      return {
        id: a.id,
        role: a.role,
        start() {
          wakeIn(every);
        },
        onWake() {
          if (!(now() >= 0)) throw new Error('now() failed detached');
          const side = rng('side').bernoulli(0.5) ? 'buy' : 'sell';
          submitMarket(venueIds[0]!, { market: markets[0]!.id, side, qty: 1 + rng('qty').int(3) });
          wakeIn(every);
        },
      };
    });
  },
});

describe('agent context', () => {
  it('its functions work when called detached from the context (same trades as through the context)', () => {
    const via = spec();
    const detached = spec({ agents: [{ ...via.agents[0]!, plugin: detachedTaker }] });
    const a = executeRun(via).record.trades;
    const b = executeRun(detached).record.trades;
    expect((a.t as number[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('host validation', () => {
  it('reports every problem with path, plugin and expectation', () => {
    const bad = spec({}, { every: 'often', extra: 1 });
    bad.agents.push({ id: 'future', plugin: futurePlugin, packageName: 'future-pkg', config: {}, path: 'agents[1]' });
    bad.agents.push({ id: 'needy', plugin: needyPlugin, packageName: 'needy-pkg', config: {}, path: 'agents[2]' });
    bad.agents.push({ id: 'late', plugin: randomTaker, packageName: 'test-taker', config: {}, path: 'agents[3]', latency: { orderLatency: -1 }, venues: ['nowhere'] });
    const { issues } = validateRunSpec(bad);
    const lines = issues.map((i) => `${i.code} ${i.path} ${i.plugin} ${i.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^VL_ERR_CONFIG agents\[0\]\.config\.every test-taker .*expected number/),
        expect.stringMatching(/^VL_ERR_CONFIG agents\[0\]\.config test-taker unknown key "extra"/),
        expect.stringMatching(/^VL_ERR_KERNEL_RANGE agents\[1\]\.plugin future-pkg plugin needs kernel \^9\.0\.0/),
        expect.stringMatching(/^VL_ERR_MISSING_DEPENDENCY agents\[2\]\.plugin needy-pkg depends on plugin "venue-missing"/),
        expect.stringMatching(/^VL_ERR_CONFIG agents\[3\]\.latency\.orderLatency test-taker/),
        expect.stringMatching(/^VL_ERR_CONFIG agents\[3\]\.venues\[0\] test-taker unknown venue "nowhere"/),
      ]),
    );
    expect(() => new Run(bad).validate()).toThrow(ConfigError);
  });

  it('rejects a plugin of the wrong kind in a slot', () => {
    const s = spec({ truth: { id: 'truth', plugin: houseVenue, packageName: 'test-venue', config: {}, path: 'truth' } });
    expect(validateRunSpec(s).issues.map((i) => i.message)).toContain('expected a truth plugin, got a venue plugin');
  });
});

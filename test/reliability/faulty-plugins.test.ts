/**
 * Faulty plugins and per-run guardrails (issue 10): a plugin that throws, returns NaN or never
 * ends its run of events fails the run with a coded error naming the plugin (or the guardrail), the
 * tick and the seed; each guardrail ends a run with VL_ERR_GUARDRAIL instead of exhausting memory.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode, PluginRunError, VenuelabError, type RunOutput } from '@venuelab/kernel';
import { runTest, type TestRunOptions } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import noise from '@venuelab/plugin-agent-noise';
import walk from '@venuelab/plugin-truth-random-walk';
import faultyAgent from '../fixtures/faulty-agent.js';
import faultyMetric from '../fixtures/faulty-metric.js';

const SEED = 4242;
const base = (extra: Partial<TestRunOptions> = {}): TestRunOptions => ({
  seed: SEED,
  duration: 200,
  truth: { plugin: walk, config: { q: 1e-7 } },
  venues: [{ plugin: clob, id: 'clob' }],
  agents: [{ plugin: noise, id: 'noise', count: 5, config: { arrivalRatePerUnit: 0.2 } }],
  ...extra,
});

/** Runs and returns the error it threw (failing the test if it did not throw). */
function failure(o: TestRunOptions): VenuelabError {
  let out: RunOutput | undefined;
  try {
    out = runTest(o);
  } catch (e) {
    expect(e).toBeInstanceOf(VenuelabError);
    return e as VenuelabError;
  }
  throw new Error(`the run did not fail (${out?.record.stats.events} events)`);
}

describe('faulty plugins', () => {
  it('an agent that throws fails its run with VL_ERR_PLUGIN_FAILED naming the plugin, the tick and the seed', () => {
    const e = failure(base({ agents: [{ plugin: faultyAgent, id: 'bad', config: { mode: 'throw', at: 37 } }] }));
    expect(e).toBeInstanceOf(PluginRunError);
    expect(e.code).toBe(ErrorCode.PluginFailed);
    expect(e.message).toContain('test:agent-faulty');
    expect(e.message).toContain('t=37');
    expect(e.message).toContain(`seed ${SEED}`);
    expect(e.message).toContain('deliberate failure in the faulty agent');
  });

  it('an agent that sends a NaN price or quantity fails its run naming the plugin, the tick and the seed', () => {
    const e = failure(
      base({
        agents: [
          { plugin: noise, id: 'noise', count: 5, config: { arrivalRatePerUnit: 0.2 } },
          { plugin: faultyAgent, id: 'bad', config: { mode: 'nan', at: 5 } },
        ],
        metrics: [{ plugin: faultyMetric, id: 'ok', config: { mode: 'ok' } }],
      }),
    );
    expect(e).toBeInstanceOf(PluginRunError);
    expect(e.message).toContain('test:agent-faulty');
    expect(e.message).toMatch(/t=\d+/);
    expect(e.message).toContain(`seed ${SEED}`);
    expect(e.message).toMatch(/NaN|Infinity/);
  });

  it('a metric that throws fails its run naming the metric plugin and the seed', () => {
    const e = failure(base({ metrics: [{ plugin: faultyMetric, id: 'bad', config: { mode: 'throw' } }] }));
    expect(e.code).toBe(ErrorCode.PluginFailed);
    expect(e.message).toContain('test:metric-faulty');
    expect(e.message).toContain('collect');
    expect(e.message).toContain(`seed ${SEED}`);
  });

  for (const mode of ['nan', 'infinity'] as const) {
    it(`a metric that returns ${mode} fails its run with VL_ERR_NON_FINITE naming the metric, the row and the seed`, () => {
      const e = failure(base({ metrics: [{ plugin: faultyMetric, id: 'bad', config: { mode } }] }));
      expect(e.code).toBe(ErrorCode.NonFinite);
      expect(e.message).toContain('test:metric-faulty');
      expect(e.message).toContain('faulty_value');
      expect(e.message).toContain(mode === 'nan' ? 'NaN' : 'Infinity');
      expect(e.message).toContain(`seed ${SEED}`);
    });
  }
});

describe('guardrails', () => {
  it('maxWallMs ends a run of events that never ends (an agent rescheduling itself at the same tick)', () => {
    const e = failure(base({ duration: 1_000, agents: [{ plugin: faultyAgent, id: 'bad', config: { mode: 'spin', at: 12 } }], guardrails: { maxWallMs: 300 } }));
    expect(e.code).toBe(ErrorCode.Guardrail);
    expect(e.message).toContain('maxWallMs=300');
    expect(e.message).toContain('t=12');
    expect(e.message).toContain(`seed ${SEED}`);
  });

  it('maxEvents ends the same endless run deterministically', () => {
    const e = failure(base({ duration: 1_000, agents: [{ plugin: faultyAgent, id: 'bad', config: { mode: 'spin', at: 12 } }], guardrails: { maxEvents: 50_000 } }));
    expect(e.code).toBe(ErrorCode.Guardrail);
    expect(e.message).toContain('maxEvents=50000');
    expect(e.message).toContain('t=12');
  });

  it('maxEvents also ends a normal run that is larger than allowed, and a large enough limit lets it finish', () => {
    const o = base({ duration: 5_000, agents: [{ plugin: noise, id: 'noise', count: 20, config: { arrivalRatePerUnit: 0.5 } }] });
    const done = runTest(o);
    expect(done.record.stats.events).toBeGreaterThan(8_192);
    const e = failure({ ...o, guardrails: { maxEvents: 4_096 } });
    expect(e.code).toBe(ErrorCode.Guardrail);
    expect(runTest({ ...o, guardrails: { maxEvents: done.record.stats.events + 4_096 } }).record.stats.events).toBe(done.record.stats.events);
  });

  it('maxRestingOrders ends a run whose live orders pile up', () => {
    // guardrails are checked every 4,096 events, so the run must be longer than that
    const o = base({ duration: 10_000, agents: [{ plugin: faultyAgent, id: 'bad', config: { mode: 'flood', at: 1, perTick: 5 } }] });
    const e = failure({ ...o, guardrails: { maxRestingOrders: 1_000 } });
    expect(e.code).toBe(ErrorCode.Guardrail);
    expect(e.message).toContain('maxRestingOrders=1000');
    expect(e.message).toContain(`seed ${SEED}`);
    // without the guardrail the same run finishes with far more live orders
    expect(runTest(o).record.stats.messages).toBeGreaterThan(45_000);
  });

  it('simulated time is bounded by duration: an agent waking far in the future never runs past it', () => {
    const out = runTest(base({ duration: 300, agents: [{ plugin: noise, id: 'noise', count: 5, config: { arrivalRatePerUnit: 0.2 } }] }));
    const t = Array.from(out.record.trades.t as ArrayLike<number>);
    expect(t.length).toBeGreaterThan(0);
    expect(Math.max(...t)).toBeLessThan(300);
  });
});

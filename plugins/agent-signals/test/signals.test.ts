import { describe, it, expect } from 'vitest';
import { createStream, definePlugin, distributionSampler, latentToTicks, ticksToLatent, z, type MarketSpec, type Signal } from '@venuelab/kernel';
import { runTest, type TestComponent } from '@venuelab/testing';
import signals, { namesAgent, signalsConfigSchema } from '../src/index.js';
import { moments, nullVenue } from './helpers.js';

const M: MarketSpec = { id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' };
const N: MarketSpec = { id: 'N', tickSize: 0.01, lotSize: 1, openingMid: 30, kind: 'price' };

/** A known, moving truth: latent = log(mid) + 0.01 sin(t / 50). */
const wave = (market: MarketSpec, t: number) => Math.log(market.openingMid) + 0.01 * Math.sin(t / 50);
const waveTruth = definePlugin({
  id: 'wave',
  kind: 'truth',
  version: '0.1.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({}),
  register(ctx) {
    ctx.registerTruth((tc) => {
      const spec = (m: string) => tc.markets.find((x) => x.id === m)!;
      return {
        id: tc.id,
        space: 'log',
        latentAt: (m, t) => wave(spec(m), t),
        fairAt: (m, t) => latentToTicks('log', spec(m).tickSize, wave(spec(m), t)),
        toTicks: (m, x) => latentToTicks('log', spec(m).tickSize, x),
        toLatent: (m, x) => ticksToLatent('log', spec(m).tickSize, x),
      };
    });
  },
});

interface Received {
  agent: string;
  signal: Signal;
  t: number;
}

/** A listener agent plugin that records every signal it receives. */
function recorder(sink: Received[]) {
  return definePlugin({
    id: 'recorder',
    kind: 'agent',
    version: '0.1.0',
    kernel: '^0.1.0',
    defaultRole: 'listener',
    configSchema: z.strictObject({}),
    register(ctx) {
      ctx.registerAgent((a) => ({
        id: a.id,
        role: a.role,
        start() {},
        onSignal(signal: Signal, t: number) {
          sink.push({ agent: a.id, signal, t });
        },
      }));
    },
  });
}

function run(o: { tiers: unknown[]; agents: Omit<TestComponent, 'plugin'>[]; seed?: number; duration?: number; markets?: MarketSpec[] }) {
  const got: Received[] = [];
  const rec = recorder(got);
  const out = runTest({
    seed: o.seed ?? 1,
    duration: o.duration ?? 1000,
    markets: o.markets ?? [M],
    truth: { plugin: waveTruth },
    venues: [{ plugin: nullVenue }],
    agents: [{ plugin: signals, id: 'signals', config: { tiers: o.tiers } }, ...o.agents.map((a) => ({ ...a, plugin: rec }))],
  });
  return { got, out };
}

const of = (got: Received[], agent: string, tier?: string) => got.filter((r) => r.agent === agent && (tier === undefined || r.signal.tier === tier));

describe('agent-signals', () => {
  it('holds rounds at phase + k * cadence and delivers after each recipient observation delay', () => {
    const { got, out } = run({
      duration: 500,
      tiers: [{ name: 'routine', precision: 1e4, cadence: 20, phase: 5 }],
      agents: [
        { id: 'fast', latency: { observationDelay: 0 } },
        { id: 'slow', latency: { observationDelay: 7 } },
      ],
    });
    const rounds = Array.from({ length: 25 }, (_, k) => 5 + 20 * k); // 5, 25, ..., 485
    expect(of(got, 'fast').map((r) => r.signal.t)).toEqual(rounds);
    for (const r of of(got, 'fast')) expect(r.t).toBe(r.signal.t);
    // the slow agent's last reading (485) would arrive at 492 < 500: all delivered, 7 ticks late
    expect(of(got, 'slow').map((r) => r.signal.t)).toEqual(rounds);
    for (const r of of(got, 'slow')) expect(r.t).toBe(r.signal.t + 7);
    expect(out.record.participants.find((p) => p.id === 'signals')!.role).toBe('signals');
    // the signal source never trades
    expect(out.record.orders.t.length).toBe(0);
  });

  it('applies random observation delays exactly as the recipient latency stream draws them', () => {
    const dist = { dist: 'uniform', min: 0, max: 12 } as const;
    const { got } = run({ seed: 17, duration: 2000, tiers: [{ name: 'routine', precision: 1e4, cadence: 10 }], agents: [{ id: 'r', latency: { observationDelay: dist } }] });
    const draw = distributionSampler(dist, createStream(17, 'latency:r:observationDelay:signal'));
    const rec = of(got, 'r').sort((a, b) => a.signal.t - b.signal.t);
    // deliveries scheduled at or after the end of the run are never dispatched
    const expected = Array.from({ length: 200 }, (_, k) => ({ t: 10 * k, d: draw() })).filter((x) => x.t + x.d < 2000);
    expect(rec.map((r) => [r.signal.t, r.t - r.signal.t])).toEqual(expected.map((x) => [x.t, x.d]));
    expect(new Set(rec.map((r) => r.t - r.signal.t)).size).toBeGreaterThan(5);
  });

  it('adds noise N(0, 1 / precision) around the latent value (mean within 3 SE, variance within 4 SE)', () => {
    const precision = 400;
    const { got } = run({ seed: 3, duration: 6000, markets: [M, N], tiers: [{ name: 'routine', precision, cadence: 1 }], agents: [{ id: 'r' }, { id: 's' }] });
    for (const agent of ['r', 's']) {
      for (const m of [M, N]) {
        const res = got.filter((x) => x.agent === agent && x.signal.market === m.id).map((x) => x.signal.value - wave(m, x.signal.t));
        expect(res.length).toBe(6000);
        const st = moments(res);
        expect(Math.abs(st.mean)).toBeLessThan(3 * Math.sqrt(1 / precision / st.n));
        expect(Math.abs(st.variance - 1 / precision)).toBeLessThan(4 * (1 / precision) * Math.sqrt(2 / (st.n - 1)));
      }
      for (const x of of(got, agent)) expect(x.signal.precision).toBe(precision);
    }
    // recipients draw independent noise: the two agents' readings of one round differ
    const r0 = got.filter((x) => x.agent === 'r' && x.signal.market === 'M').map((x) => x.signal.value);
    const s0 = got.filter((x) => x.agent === 's' && x.signal.market === 'M').map((x) => x.signal.value);
    let c = 0;
    for (let i = 0; i < r0.length; i++) c += (r0[i]! - wave(M, i)) * (s0[i]! - wave(M, i));
    expect(Math.abs(c / r0.length) * precision).toBeLessThan(3 / Math.sqrt(r0.length));
  });

  it('delivers each tier to its recipients: by role, by agent id (a counted component by its id), or to everyone', () => {
    const { got } = run({
      duration: 300,
      tiers: [
        { name: 'routine', precision: 1e3, cadence: 50 },
        { name: 'tail', precision: 1e6, cadence: 100, phase: 10, roles: ['informed'], agents: ['crowd', 'lp'] },
        { name: 'lp-only', precision: 1e4, cadence: 100, agents: ['lp'] },
      ],
      agents: [
        { id: 'inf', role: 'informed' },
        { id: 'inf2', role: 'informed' },
        { id: 'lp', role: 'LP' },
        { id: 'crowd', count: 3, role: 'noise' },
        { id: 'other', role: 'noise' },
      ],
    });
    const everyone = ['inf', 'inf2', 'lp', 'crowd-0', 'crowd-1', 'crowd-2', 'other'];
    for (const a of everyone) expect(of(got, a, 'routine').map((r) => r.signal.t)).toEqual([0, 50, 100, 150, 200, 250]);
    const tailTo = new Set(got.filter((r) => r.signal.tier === 'tail').map((r) => r.agent));
    expect([...tailTo].sort()).toEqual(['crowd-0', 'crowd-1', 'crowd-2', 'inf', 'inf2', 'lp']);
    for (const a of tailTo) expect(of(got, a, 'tail').map((r) => r.signal.t)).toEqual([10, 110, 210]);
    expect([...new Set(got.filter((r) => r.signal.tier === 'lp-only').map((r) => r.agent))]).toEqual(['lp']);
    expect(of(got, 'other', 'tail')).toHaveLength(0);
  });

  it('samples a share of recipients per round with an independent seeded draw each', () => {
    const share = 0.3;
    const rounds = 2000;
    const { got } = run({ seed: 8, duration: rounds, tiers: [{ name: 'tail', precision: 1e6, cadence: 1, share }], agents: [{ id: 'x', count: 4 }] });
    const counts = [0, 1, 2, 3].map((i) => of(got, `x-${i}`).length);
    for (const c of counts) expect(Math.abs(c / rounds - share)).toBeLessThan(3 * Math.sqrt((share * (1 - share)) / rounds));
    // the inclusion of x-0 and x-1 in a round is independent
    const in0 = new Set(of(got, 'x-0').map((r) => r.signal.t));
    const in1 = new Set(of(got, 'x-1').map((r) => r.signal.t));
    const both = [...in0].filter((t) => in1.has(t)).length;
    expect(Math.abs(both / rounds - share * share)).toBeLessThan(3 * Math.sqrt((share * share * (1 - share * share)) / rounds));
  });

  it('adding an agent does not change any other recipient readings or delivery times', () => {
    const lat = { observationDelay: { dist: 'exponential', mean: 3 } };
    const tiers = [{ name: 'routine', precision: 1e4, cadence: 7, share: 0.5 }];
    const base = run({ seed: 21, duration: 400, tiers, agents: [{ id: 'a', latency: lat }, { id: 'b' }] });
    const more = run({ seed: 21, duration: 400, tiers, agents: [{ id: 'new', count: 2 }, { id: 'a', latency: lat }, { id: 'z' }, { id: 'b' }] });
    const key = (r: Received) => [r.signal.t, r.t, r.signal.value];
    for (const agent of ['a', 'b']) {
      expect(of(more.got, agent).map(key)).toEqual(of(base.got, agent).map(key));
      expect(of(base.got, agent).length).toBeGreaterThan(10);
    }
    expect(of(more.got, 'new-0').length).toBeGreaterThan(10);
  });

  it('adding a tier does not change the readings of the other tiers', () => {
    const routine = { name: 'routine', precision: 1e4, cadence: 7, share: 0.5 };
    const base = run({ seed: 22, duration: 400, tiers: [routine], agents: [{ id: 'a' }, { id: 'b' }] });
    const more = run({ seed: 22, duration: 400, tiers: [{ name: 'tail', precision: 1e6, cadence: 3, roles: ['listener'] }, routine], agents: [{ id: 'a' }, { id: 'b' }] });
    const key = (r: Received) => [r.signal.t, r.signal.value];
    for (const agent of ['a', 'b']) expect(of(more.got, agent, 'routine').map(key)).toEqual(of(base.got, agent, 'routine').map(key));
    expect(of(more.got, 'a', 'tail').length).toBeGreaterThan(100);
  });

  it('fails the run when a tier names an unknown agent or market, and validates its config', () => {
    expect(() => run({ tiers: [{ name: 'tail', precision: 1, cadence: 5, agents: ['ghost'] }], agents: [{ id: 'a' }] })).toThrow(/unknown agent "ghost"/);
    expect(() => run({ tiers: [{ name: 'tail', precision: 1, cadence: 5, markets: ['Q'] }], agents: [{ id: 'a' }] })).toThrow(/unknown market/);
    expect(signalsConfigSchema.safeParse({ tiers: [{ name: 'a', precision: 1, cadence: 1 }, { name: 'a', precision: 2, cadence: 1 }] }).success).toBe(false);
    expect(signalsConfigSchema.safeParse({ tiers: [{ name: 'a', precision: 0, cadence: 1 }] }).success).toBe(false);
    expect(signalsConfigSchema.safeParse({ tiers: [{ name: 'a', precision: 1, cadence: 0 }] }).success).toBe(false);
    expect(signalsConfigSchema.safeParse({ tiers: [{ name: 'a', precision: 1, cadence: 1, share: 0 }] }).success).toBe(false);
    expect(signalsConfigSchema.safeParse({ tiers: [{ name: 'a:b', precision: 1, cadence: 1 }] }).success).toBe(false);
    expect(signalsConfigSchema.parse({}).tiers).toEqual([{ name: 'routine', precision: 1e4, cadence: 100, phase: 0, share: 1 }]);
    expect(namesAgent('crowd', 'crowd-12')).toBe(true);
    expect(namesAgent('crowd', 'crowd-x')).toBe(false);
    expect(namesAgent('crowd', 'crowded')).toBe(false);
  });

  it('works with its default config: a routine tier to every other agent', () => {
    const got: Received[] = [];
    runTest({ duration: 250, truth: { plugin: waveTruth }, venues: [{ plugin: nullVenue }], agents: [{ plugin: signals }, { plugin: recorder(got), id: 'a' }] });
    expect(got.map((r) => r.signal.t)).toEqual([0, 100, 200]);
    expect(got.every((r) => r.signal.tier === 'routine' && r.signal.precision === 1e4 && r.signal.market === 'M')).toBe(true);
  });
});

/**
 * Adding an agent to a config does not change any other agent's random draws.
 *
 * Fills of the other agents may change when a new agent trades (it takes liquidity they would have
 * had), so the test compares what depends on draws only: every value each agent drew from its own
 * streams (recorded through a wrapper around `ctx.rng`), the readings each agent was sent by the
 * signal source (drawn on per-recipient streams), the decision times and signals of the informed
 * traders, and the orders of the event-driven noise traders (arrival times, venues, markets, sides,
 * sizes, and their arrival at the venue after a random order latency drawn by the kernel).
 */
import { describe, it, expect } from 'vitest';
import { definePlugin, type Agent, type MarketSpec, type PluginDefinition, type RandomStream, type Signal, type TiePolicy } from '@venuelab/kernel';
import { runTest, type TestComponent } from '@venuelab/testing';
import clob from '@venuelab/plugin-venue-clob';
import fba from '@venuelab/plugin-venue-fba';
import randomWalk from '@venuelab/plugin-truth-random-walk';
import signals from '@venuelab/plugin-agent-signals';
import lp from '@venuelab/plugin-agent-lp';
import naive from '@venuelab/plugin-agent-naive-belief';
import informed from '@venuelab/plugin-agent-informed';
import eventNoise from '@venuelab/plugin-agent-event-noise';

type Log = Map<string, string[]>;

function push(log: Log, key: string, entry: string): void {
  let l = log.get(key);
  if (!l) log.set(key, (l = []));
  l.push(entry);
}

/** A stream that logs every value it hands out under `<agent>|<stream>`. */
function recording(s: RandomStream, key: string, log: Log): RandomStream {
  const rec =
    <A extends unknown[], R>(method: string, f: (...a: A) => R) =>
    (...a: A): R => {
      const v = f(...a);
      push(log, key, `${method}(${a.join(',')})=${String(v)}`);
      return v;
    };
  return {
    name: s.name,
    next: rec('next', () => s.next()),
    int: rec('int', (n: number) => s.int(n)),
    uniform: rec('uniform', (a: number, b: number) => s.uniform(a, b)),
    normal: rec('normal', (mu?: number, sd?: number) => s.normal(mu, sd)),
    exponential: rec('exponential', (m: number) => s.exponential(m)),
    lognormal: rec('lognormal', (mu: number, sd: number) => s.lognormal(mu, sd)),
    poisson: rec('poisson', (l: number) => s.poisson(l)),
    bernoulli: rec('bernoulli', (p: number) => s.bernoulli(p)),
  };
}

/** Wraps an agent plugin: its agents' streams record their draws, and the readings they receive are logged. */
function observed(plugin: PluginDefinition, draws: Log, readings: Log, agents: Agent[]): PluginDefinition {
  return definePlugin({
    ...plugin,
    register(ctx) {
      plugin.register({
        ...ctx,
        registerAgent: (factory) =>
          ctx.registerAgent((a) => {
            const agent = factory({ ...a, rng: (name) => recording(a.rng(name), `${a.id}|${name}`, draws) });
            const onSignal = agent.onSignal?.bind(agent);
            if (onSignal) {
              agent.onSignal = (s: Signal, t: number) => {
                push(readings, a.id, `${t}:${s.tier}:${s.market}:${s.t}:${s.value}`);
                onSignal(s, t);
              };
            }
            agents.push(agent);
            return agent;
          }),
      });
    },
  });
}

const markets: MarketSpec[] = [
  { id: 'ACME', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' },
  { id: 'BETA', tickSize: 0.01, lotSize: 1, openingMid: 40, kind: 'price' },
];

interface Outcome {
  draws: Log;
  readings: Log;
  agents: Agent[];
  orders: Record<string, ArrayLike<any>>;
  trades: number;
}

function run(tiePolicy: TiePolicy, extra: boolean): Outcome {
  const draws: Log = new Map();
  const readings: Log = new Map();
  const agents: Agent[] = [];
  const w = (p: PluginDefinition) => observed(p, draws, readings, agents);
  const base: TestComponent[] = [
    {
      plugin: w(signals),
      id: 'signals',
      config: {
        tiers: [
          { name: 'routine', precision: 1e6, cadence: 20 },
          { name: 'tail', precision: 1e8, cadence: 20, phase: 10, roles: ['naive'], share: 0.5 },
        ],
      },
    },
    { plugin: w(lp), id: 'lp', latency: { observationDelay: 25, reviewInterval: 10 }, config: { q: 2e-8, halfSpread: 3 } },
    { plugin: w(naive), id: 'naive', latency: { observationDelay: { dist: 'uniform', min: 0, max: 6 }, reviewInterval: 40 }, config: { q: 2e-8, threshold: 0.001, tiers: ['routine', 'tail'] } },
    { plugin: w(informed), id: 'informed', count: 2, config: { horizon: 20, threshold: 0.0008, arrivalRatePerUnit: 0.03 } },
    { plugin: w(eventNoise), id: 'noise', count: 3, latency: { orderLatency: { dist: 'uniform', min: 0, max: 3 } }, config: { arrivalRatePerUnit: 0.04 } },
  ];
  const intruders: TestComponent[] = [
    // a fast, aggressive informed trader and more noise: they take liquidity the others would have had
    { plugin: w(informed), id: 'intruder', config: { horizon: 10, signalNoise: 0, threshold: 0.0002, arrivalRatePerUnit: 0.2, qty: 5, maxPosition: 200 } },
    { plugin: w(eventNoise), id: 'intruder-noise', config: { arrivalRatePerUnit: 0.1, maxQty: 8 } },
  ];
  const out = runTest({
    seed: 17,
    duration: 3000,
    tiePolicy,
    markets,
    truth: { plugin: randomWalk, config: { q: 2e-8 } },
    venues: [
      { plugin: clob, id: 'clob' },
      { plugin: fba, id: 'fba', config: { tau: 5 } },
    ],
    // the newcomers come first in the config, so they also shift registration order and fifo ties
    agents: extra ? [...intruders, ...base] : base,
  });
  return { draws, readings, agents, orders: out.record.orders as Record<string, ArrayLike<any>>, trades: out.record.stats.fills };
}

/** The orders of one agent: send tick, arrival tick, action, venue, market, side, quantity. */
function ordersOf(orders: Record<string, ArrayLike<any>>, agent: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < orders.agent.length; i++) {
    if (orders.agent[i] !== agent) continue;
    out.push(`${orders.t[i]}>${orders.arrived_at[i]} ${orders.action[i]} ${orders.venue[i]} ${orders.market[i]} ${orders.side[i]} ${orders.qty[i]}`);
  }
  return out;
}

describe('agent isolation: adding an agent does not change any other agent\'s random draws', () => {
  for (const tiePolicy of ['fifo', 'shuffle'] as const) {
    it(`tie policy ${tiePolicy}`, () => {
      const a = run(tiePolicy, false);
      const b = run(tiePolicy, true);
      // the newcomers did change the world: more fills
      expect(b.trades).toBeGreaterThan(a.trades);

      // every draw of every original agent, stream by stream, is the same
      expect(a.draws.size).toBeGreaterThan(5);
      for (const [key, seq] of a.draws) {
        expect(seq.length, key).toBeGreaterThan(0);
        expect(b.draws.get(key), key).toEqual(seq);
      }
      // new streams belong to the newcomers (their own, or the signal source's streams for them)
      for (const key of b.draws.keys()) if (!a.draws.has(key)) expect(key).toMatch(/^intruder|^signals\|.*:intruder/);

      // readings sent to each original recipient: same values, rounds and delivery ticks (under
      // shuffle ties the order of deliveries within one tick may differ: the tie keys are the
      // kernel's, and the newcomers' events take some of them)
      const sorted = (l: string[] | undefined) => [...(l ?? [])].sort();
      for (const id of ['lp', 'naive']) {
        expect(a.readings.get(id)!.length).toBeGreaterThan(100);
        if (tiePolicy === 'fifo') expect(b.readings.get(id), id).toEqual(a.readings.get(id));
        else expect(sorted(b.readings.get(id)), id).toEqual(sorted(a.readings.get(id)));
      }
      expect(a.readings.get('naive')!.some((r) => r.includes(':tail:'))).toBe(true);

      // informed traders: same decision times, signals and sides
      const decisions = (o: Outcome, id: string) => (o.agents.find((x) => x.id === id) as unknown as { decisions: unknown[] }).decisions;
      for (const id of ['informed-0', 'informed-1']) {
        expect(decisions(a, id).length).toBeGreaterThan(50);
        expect(decisions(b, id)).toEqual(decisions(a, id));
      }

      // event-driven noise: identical orders, including their arrival after a random order latency
      for (const id of ['noise-0', 'noise-1', 'noise-2']) {
        const mine = ordersOf(a.orders, id);
        expect(mine.length).toBeGreaterThan(80);
        expect(mine.some((r) => !r.startsWith(`${r.split('>')[0]}>${r.split('>')[0]} `))).toBe(true); // some latency was drawn
        if (tiePolicy === 'fifo') expect(ordersOf(b.orders, id)).toEqual(mine);
        else expect(sorted(ordersOf(b.orders, id))).toEqual(sorted(mine)); // same-tick arrivals may swap
      }
    });
  }
});

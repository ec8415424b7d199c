import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyVenueState, type AgentContext, type Fill, type FillLeg, type VenueCapabilities } from '@venuelab/kernel';
import { runTest } from '@venuelab/testing';
import randomWalk from '@venuelab/plugin-truth-random-walk';
import noise from '@venuelab/plugin-agent-noise';
import clob from '@venuelab/plugin-venue-clob';
import momentum, { MomentumAgent, MovingAverage, momentumConfigSchema } from '../src/index.js';

describe('MovingAverage', () => {
  it('equals the mean of the last `window` values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }), (w, xs) => {
        const ma = new MovingAverage(w);
        xs.forEach((x, i) => {
          ma.push(x);
          const tail = xs.slice(Math.max(0, i + 1 - w), i + 1);
          expect(ma.value).toBeCloseTo(tail.reduce((a, b) => a + b, 0) / tail.length, 9);
          expect(ma.full).toBe(i + 1 >= w);
        });
      }),
    );
  });
});

const CONTINUOUS: VenueCapabilities = { mechanism: 'continuous', limitOrders: true, marketOrders: true, prefersLimitForInformed: false, batchInterval: 0 };
const BATCH: VenueCapabilities = { mechanism: 'batch', limitOrders: true, marketOrders: true, prefersLimitForInformed: true, batchInterval: 5 };

/** A hand-driven agent context: the mid follows `path`, orders are recorded, wakes are run by `step`. */
function scripted(path: (t: number) => number, caps: VenueCapabilities, config: unknown) {
  let now = 0;
  let nextId = 1;
  const wakes: { t: number; kind: number; arg: number }[] = [];
  const sent: { type: 'market' | 'limit' | 'cancel'; side?: string; qty?: number; price?: number; id: number; t: number }[] = [];
  const ctx = {
    id: 'mom',
    role: 'momentum',
    seed: 1,
    duration: 1000,
    markets: [{ id: 'M', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' }],
    venueIds: ['v'],
    venues: {
      ids: () => ['v'],
      capabilities: () => caps,
      markets: () => ['M'],
      state: () => {
        const mid = path(now);
        return { ...emptyVenueState('M', now), mid, bestBid: mid - 1, bestAsk: mid + 1, bidQty: 1, askQty: 1 };
      },
      estimateImpact: () => 0,
    },
    latency: { observationDelay: () => 0, orderLatency: () => 0, reviewInterval: () => 1 },
    now: () => now,
    wakeIn: (d: number, kind = 0, arg = 0) => wakes.push({ t: now + Math.max(1, Math.ceil(d)), kind, arg }),
    submitMarket: (_v: string, o: { side: string; qty: number }) => (sent.push({ type: 'market', side: o.side, qty: o.qty, id: nextId, t: now }), nextId++),
    submitLimit: (_v: string, o: { side: string; qty: number; price: number }) => (sent.push({ type: 'limit', side: o.side, qty: o.qty, price: o.price, id: nextId, t: now }), nextId++),
    cancel: (_v: string, id: number) => sent.push({ type: 'cancel', id, t: now }),
  } as unknown as AgentContext;
  const agent = new MomentumAgent(ctx, momentumConfigSchema.parse(config));
  agent.start();
  const step = (until: number) => {
    for (;;) {
      wakes.sort((a, b) => a.t - b.t);
      const w = wakes[0];
      if (!w || w.t > until) break;
      wakes.shift();
      now = w.t;
      agent.onWake(w.kind, w.arg);
    }
    now = until;
  };
  const fill = (id: number, side: 'buy' | 'sell', qty: number) => {
    const leg = { agentId: 'mom', orderId: id, side, fee: 0, liquidity: 'taker', submittedAt: now } as FillLeg;
    agent.onFill({ qty, price: 100, t: now } as Fill, leg);
  };
  return { agent, sent, step, fill };
}

describe('momentum agent', () => {
  it('buys with market orders on a continuous venue while the mid trends up, and stops at maxPosition', () => {
    const s = scripted((t) => 10_000 + 2 * t, CONTINUOUS, { fastWindow: 2, slowWindow: 4, threshold: 1, qty: 2, maxPosition: 6, interval: 1 });
    s.step(3);
    expect(s.sent).toEqual([]); // the slow window is not full yet
    s.step(4);
    expect(s.sent).toEqual([{ type: 'market', side: 'buy', qty: 2, id: 1, t: 4 }]);
    s.fill(1, 'buy', 2);
    for (let t = 5; t <= 20; t++) {
      s.step(t);
      const last = s.sent[s.sent.length - 1]!;
      if (last.t === t && last.type === 'market') s.fill(last.id, 'buy', 2);
    }
    // Orders in flight count against the cap: 3 orders of 2 lots, then nothing more.
    expect(s.sent.filter((o) => o.type === 'market')).toHaveLength(3);
    expect(s.sent.every((o) => o.side === 'buy')).toBe(true);
    expect(s.agent.inventory).toBe(6);
  });

  it('sells on a down-trend and does nothing on a flat mid or within the threshold', () => {
    const down = scripted((t) => 10_000 - 3 * t, CONTINUOUS, { fastWindow: 2, slowWindow: 4, threshold: 1, interval: 1 });
    down.step(10);
    expect(down.sent.length).toBeGreaterThan(0);
    expect(down.sent.every((o) => o.type === 'market' && o.side === 'sell')).toBe(true);
    const flat = scripted(() => 10_000, CONTINUOUS, { fastWindow: 2, slowWindow: 4, interval: 1 });
    flat.step(50);
    expect(flat.sent).toEqual([]);
    // A slope of 0.5 tick per sample separates the averages by 0.5 tick * (4 - 2) / 2 = 0.5 < threshold 1.
    const slow = scripted((t) => 10_000 + 0.5 * t, CONTINUOUS, { fastWindow: 2, slowWindow: 4, threshold: 1, interval: 1 });
    slow.step(50);
    expect(slow.sent).toEqual([]);
  });

  it('on a venue that prefers limit orders, sends a marketable limit through the touch and cancels it after its lifetime', () => {
    const s = scripted((t) => 10_000 + 2 * t, BATCH, { fastWindow: 2, slowWindow: 4, threshold: 1, qty: 1, limitSlippage: 2, orderLifetime: 3, maxPosition: 1, interval: 1 });
    s.step(4);
    // mid 10,008, ask 10,009, two ticks through: 10,011.
    expect(s.sent).toEqual([{ type: 'limit', side: 'buy', qty: 1, price: 10_011, id: 1, t: 4 }]);
    s.step(7);
    expect(s.sent[1]).toEqual({ type: 'cancel', id: 1, t: 7 });
    // The cancel's result frees the cap: the agent may buy again.
    s.agent.onOrderResult({ orderId: 1, status: 'cancelled', filledQty: 0, remainingQty: 0 });
    s.step(8);
    expect(s.sent[2]).toMatchObject({ type: 'limit', side: 'buy', t: 8 });
  });

  it('rejects a fast window that is not shorter than the slow one', () => {
    expect(momentumConfigSchema.safeParse({ fastWindow: 10, slowWindow: 10 }).success).toBe(false);
    expect(momentumConfigSchema.safeParse({ nope: 1 }).success).toBe(false);
  });

  it('runs in a whole simulation, trades, and keeps its inventory within maxPosition plus one order', () => {
    const out = runTest({
      seed: 11,
      duration: 1500,
      truth: { plugin: randomWalk, config: { q: 1e-6 } },
      venues: [{ plugin: clob, id: 'v' }],
      agents: [
        { plugin: noise, count: 6, config: { arrivalRatePerUnit: 0.3, marketShare: 0.2 } },
        { plugin: momentum, count: 2, config: { fastWindow: 3, slowWindow: 12, threshold: 0.5, qty: 2, maxPosition: 10, interval: 5 } },
      ],
    });
    const tr = out.record.trades as { agent: string[]; side: string[]; qty: number[]; role: string[] };
    for (const who of ['agent-momentum-0', 'agent-momentum-1']) {
      let pos = 0;
      let n = 0;
      for (let i = 0; i < tr.agent.length; i++) {
        if (tr.agent[i] !== who) continue;
        n++;
        expect(tr.role[i]).toBe('momentum');
        pos += tr.side[i] === 'buy' ? tr.qty[i]! : -tr.qty[i]!;
        expect(Math.abs(pos)).toBeLessThanOrEqual(12);
      }
      expect(n).toBeGreaterThan(0);
    }
  });
});

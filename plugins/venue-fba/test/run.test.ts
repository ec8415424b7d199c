import { describe, it, expect } from 'vitest';
import { definePlugin, openingMidTicks, z, type Agent, type AgentContext } from '@venuelab/kernel';
import { flatTruth, runTest } from '@venuelab/testing';
import fba from '../src/index.js';

// A flat truth and a random trader, defined here against the public API only.
const flat = definePlugin({
  id: 'truth-flat',
  kind: 'truth',
  version: '0.1.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({}),
  register(ctx) {
    ctx.registerTruth((tctx) => flatTruth(tctx.markets));
  },
});

class RandomTrader implements Agent {
  readonly id: string;
  readonly role = 'noise';
  constructor(private readonly ctx: AgentContext) {
    this.id = ctx.id;
  }
  start(): void {
    this.ctx.wakeIn(1 + this.ctx.rng('gap').int(5), 0);
  }
  onWake(kind: number, arg: number): void {
    const ctx = this.ctx;
    if (kind === 1) {
      ctx.cancel('fba', arg);
      return;
    }
    const rng = ctx.rng('orders');
    const side = rng.bernoulli(0.5) ? 'buy' : 'sell';
    const qty = 1 + rng.int(5);
    if (rng.bernoulli(0.25)) ctx.submitMarket('fba', { market: 'M', side, qty });
    else {
      const ref = Math.round(openingMidTicks(ctx.markets[0]!));
      const off = rng.int(7) - 2;
      const id = ctx.submitLimit('fba', { market: 'M', side, price: side === 'buy' ? ref - off : ref + off, qty });
      ctx.wakeIn(20 + rng.int(60), 1, id);
    }
    ctx.wakeIn(1 + ctx.rng('gap').int(5), 0);
  }
}

const trader = definePlugin({
  id: 'agent-random',
  kind: 'agent',
  version: '0.1.0',
  kernel: '^0.1.0',
  configSchema: z.strictObject({}),
  register(ctx) {
    ctx.registerAgent((actx) => new RandomTrader(actx));
  },
});

const run = (seed: number, tau: number) =>
  runTest({
    seed,
    duration: 2_000,
    truth: { plugin: flat },
    venues: [{ plugin: fba, id: 'fba', config: { tau, makerFeeBps: -0.5, takerFeeBps: 1 } }],
    agents: [{ plugin: trader, id: 'rt', count: 10 }],
  });

describe('FBA in a run', () => {
  it('trades only at call ticks, one price per batch, both legs per fill, deterministically', () => {
    const tau = 5;
    const { record } = run(3, tau);
    const tr = record.trades as Record<string, ArrayLike<number | string>>;
    const n = tr.t!.length;
    expect(n).toBeGreaterThan(100);
    const priceOf = new Map<number, number>();
    const legs = new Map<number, Set<string>>();
    for (let i = 0; i < n; i++) {
      const t = tr.t![i] as number;
      const batch = tr.batch_id![i] as number;
      expect(t % tau).toBe(0);
      expect(batch).toBe(t / tau);
      const p = tr.price![i] as number;
      if (priceOf.has(batch)) expect(p).toBe(priceOf.get(batch));
      priceOf.set(batch, p);
      expect(Number.isInteger(p * 2)).toBe(true);
      const id = tr.fill_id![i] as number;
      if (!legs.has(id)) legs.set(id, new Set());
      legs.get(id)!.add(tr.side![i] as string);
    }
    for (const sides of legs.values()) expect([...sides].sort()).toEqual(['buy', 'sell']);
    // same seed, same trades
    const again = run(3, tau).record.trades as Record<string, ArrayLike<number | string>>;
    expect(Array.from(again.price!)).toEqual(Array.from(tr.price!));
    expect(Array.from(again.agent!)).toEqual(Array.from(tr.agent!));
    expect(record.venues).toEqual([{ id: 'fba', plugin: 'test:venue-fba', mechanism: 'batch' }]);
  });
});

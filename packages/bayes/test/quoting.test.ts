import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { glftOffsets } from '@venuelab/plugin-agent-glft';
import { glftLadder, glftQuote, innermostKept, MarkoutModel, RiskModel, zeroFeatures, RISK_FEATURES } from '../src/index.js';

const pos = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

describe('glftQuote', () => {
  it('equals the agent library GLFT offsets exactly when carry is 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20, max: 20 }), pos(1e-4, 1), pos(0.01, 5), pos(0.05, 5), pos(0.1, 5), pos(-0.05, 0.05), (q, gamma, sigma, A, k, mu) => {
        const a = glftQuote({ q, gamma, sigma, A, kappa: k, mu });
        const b = glftOffsets({ q, gamma, sigma, A, k, mu });
        expect(a.bid).toBe(b.bid);
        expect(a.ask).toBe(b.ask);
      }),
    );
  });
  it('is a reservation price plus a half-spread: r = s + mu T - q gamma sigma^2 T - carry, half = (1/gamma) ln(1 + gamma/kappa) + omega/2', () => {
    const i = { q: 3, gamma: 0.05, sigma: 1.3, A: 0.9, kappa: 1.4, mu: 0.002, carry: 0.1 };
    const g = glftQuote(i);
    const s = 100;
    const bid = s - g.bid;
    const ask = s + g.ask;
    expect((bid + ask) / 2 - s).toBeCloseTo(g.reservationShift, 12);
    expect(g.reservationShift).toBeCloseTo(i.mu * g.horizon - i.q * i.gamma * i.sigma ** 2 * g.horizon - i.carry, 12);
    expect((ask - bid) / 2).toBeCloseTo(Math.log1p(i.gamma / i.kappa) / i.gamma + g.omega / 2, 12);
    expect(g.inventorySkew).toBeCloseTo(-i.q * g.omega, 12);
  });
  it("the audit's failure: a one-lot short in an uptrend skews both quotes up by a non-zero, unamplified amount", () => {
    const base = { gamma: 0.01, sigma: 1, A: 0.7, kappa: 1.5 };
    const flat = glftQuote({ ...base, q: 0, mu: 0.001 });
    const short = glftQuote({ ...base, q: -1, mu: 0.001 });
    expect(short.inventorySkew).toBeGreaterThan(0);
    expect(short.inventorySkew).toBe(short.omega); // exactly q * omega: no amplifier
    expect(short.reservationShift).toBeGreaterThan(flat.reservationShift);
    expect(flat.reservationShift).toBeGreaterThan(0); // the uptrend alone raises r
    // Both quotes move up by the skew (bid offset shrinks, ask offset grows).
    expect(flat.bid - short.bid).toBeCloseTo(short.omega, 12);
    expect(short.ask - flat.ask).toBeCloseTo(short.omega, 12);
  });
});

describe('glftLadder and the expected-PnL filter', () => {
  it('drops levels whose capture is below the expected adverse move plus fee', () => {
    const quote = glftQuote({ q: 0, gamma: 0.01, sigma: 1, A: 0.7, kappa: 1.5 });
    const lad = glftLadder({ quote, levels: 4, spacing: 1, adverseBid: quote.bid + 1.5, adverseAsk: 0, fee: 0.1 });
    expect(lad.bids.map((l) => l.kept)).toEqual([false, false, true, true]);
    expect(lad.asks.every((l) => l.kept)).toBe(true);
    expect(lad.bids[2]!.expectedPnl).toBeCloseTo(0.5 - 0.1, 12);
    expect(innermostKept(lad.bids)).toBeCloseTo(quote.bid + 2, 12);
    expect(innermostKept(lad.asks)).toBe(quote.ask);
    const none = glftLadder({ quote, levels: 2, spacing: 1, adverseBid: 100, adverseAsk: 100 });
    expect(innermostKept(none.bids)).toBeNaN();
    const off = glftLadder({ quote, levels: 2, spacing: 1, adverseBid: 100, adverseAsk: 100, filter: false });
    expect(innermostKept(off.bids)).toBe(quote.bid);
  });
});

describe('the expected-PnL filter values capture at the reservation price', () => {
  it("keeps a long maker's inventory-reducing ask even when it sits below the reference", () => {
    const quote = glftQuote({ q: 8, gamma: 0.5, sigma: 1, A: 0.7, kappa: 1.5 });
    expect(quote.ask).toBeLessThan(0); // the ask is below s
    const lad = glftLadder({ quote, levels: 1, spacing: 1, adverseBid: 0.5, adverseAsk: 0.5 });
    expect(lad.asks[0]!.kept).toBe(true);
    expect(lad.asks[0]!.expectedPnl).toBeCloseTo(quote.halfSpread + quote.volatilityTerm - 0.5, 12);
    const atS = glftLadder({ quote, levels: 1, spacing: 1, adverseBid: 0.5, adverseAsk: 0.5, reservationShift: 0 });
    expect(atS.asks[0]!.kept).toBe(false);
  });
});

describe('RiskModel', () => {
  it('with every beta 0 returns gamma_base exactly', () => {
    const m = new RiskModel({ gammaBase: 0.037, betas: {} });
    expect(m.off).toBe(true);
    const x = zeroFeatures();
    x.toxicity = 5;
    expect(m.evaluate(x).gamma).toBe(0.037);
  });
  it('is log-additive with bounded tanh contributions', () => {
    fc.assert(
      fc.property(fc.array(pos(-50, 50), { minLength: 7, maxLength: 7 }), pos(0.1, 3), (xs, c) => {
        const betas = { volatility: 0.5, toxicity: 1, inventory: 2, hawkes: 0.3, depth: 0.1, uncertainty: 0.4, continuation: -0.6 };
        const m = new RiskModel({ gammaBase: 0.02, betas, bound: c });
        const x = zeroFeatures();
        RISK_FEATURES.forEach((f, i) => (x[f] = xs[i]!));
        const r = m.evaluate(x);
        let sum = 0;
        for (const f of RISK_FEATURES) {
          expect(Math.abs(r.contributions[f])).toBeLessThanOrEqual(c);
          expect(r.contributions[f]).toBeCloseTo(c * Math.tanh((betas[f] * x[f]) / c), 12);
          sum += r.contributions[f];
        }
        expect(r.logGamma).toBeCloseTo(Math.log(0.02) + sum, 10);
        expect(r.gamma).toBeCloseTo(Math.exp(r.logGamma), 12);
      }),
    );
  });
  it('is linear for small feature values (fitted betas keep their meaning)', () => {
    const m = new RiskModel({ gammaBase: 1, betas: { toxicity: 0.8 }, bound: 1 });
    const x = zeroFeatures();
    x.toxicity = 0.01;
    expect(m.evaluate(x).contributions.toxicity).toBeCloseTo(0.008, 6);
  });
});

describe('MarkoutModel', () => {
  it('resolves fills after the horizon and shrinks the mean adverse move towards the prior', () => {
    const m = new MarkoutModel({ horizon: 10, priorMean: 0, priorWeight: 2 });
    m.addFill(0, 1, 100); // bought at ref 100
    m.addFill(5, -1, 100); // sold at ref 100
    expect(m.resolve(9, 90)).toEqual([]);
    expect(m.resolve(10, 97)).toEqual([3]); // price fell 3 after a buy: adverse 3
    expect(m.resolve(15, 104)).toEqual([4]); // rose 4 after a sell: adverse 4
    expect(m.pending).toBe(0);
    expect(m.adverse(1).mean).toBeCloseTo(3 / 3, 12);
    expect(m.adverse(-1).mean).toBeCloseTo(4 / 3, 12);
  });
});

/**
 * The run's logs store rows in blocks and spell out shared and derived columns when read; what they
 * give must be exactly what one builder per column, fed row by row, gives (the reference below):
 * the same values bit for bit, the same dictionary levels in order of first appearance, the same codes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dictionaryColumn, NumberColumnBuilder, OrderLog, StringColumnBuilder, TradeLog, TruthLog, type Columns, type Fill, type FillLeg, type OrderResult } from '../src/index.js';

/** Reference: one builder per column, values pushed in row order. */
function reference(names: readonly string[], rows: Record<string, number | string>[]): Map<string, Float64Array | { codes: Int32Array; levels: readonly string[] }> {
  const out = new Map<string, Float64Array | { codes: Int32Array; levels: readonly string[] }>();
  for (const name of names) {
    if (rows.length > 0 && typeof rows[0]![name] === 'string') {
      const b = new StringColumnBuilder();
      for (const r of rows) b.push(r[name] as string);
      out.set(name, b.finish());
    } else {
      const b = new NumberColumnBuilder();
      for (const r of rows) b.push(r[name] as number);
      out.set(name, b.finish());
    }
  }
  return out;
}

function expectSame(table: Columns, ref: ReturnType<typeof reference>): void {
  expect(Object.keys(table)).toEqual([...ref.keys()]);
  for (const [name, want] of ref) {
    if (want instanceof Float64Array) {
      const got = table[name] as Float64Array;
      expect(got, name).toBeInstanceOf(Float64Array);
      expect(got.length, name).toBe(want.length);
      for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) expect(got[i], `${name}[${i}]`).toBe(want[i]);
    } else {
      const got = dictionaryColumn(table, name)!;
      expect(got, name).toBeDefined();
      expect(got.levels, name).toEqual(want.levels);
      expect([...got.codes], name).toEqual([...want.codes]);
    }
  }
}

const agents = ['lp-0', 'lp-1', 'hft-0', 'noise-0', 'noise-1'];
const role = (id: string) => id.split('-')[0]!;
const num = fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double({ noDefaultInfinity: true }), fc.constant(-0), fc.constant(NaN));
const leg = fc.record({ agentId: fc.constantFrom(...agents), orderId: fc.integer({ min: -1, max: 1e6 }), side: fc.constantFrom('buy', 'sell'), fee: num, submittedAt: fc.nat(), liquidity: fc.constantFrom('maker', 'taker') }) as fc.Arbitrary<FillLeg>;
const fill = fc.record({ venue: fc.constantFrom('clob', 'fba', "v'3"), market: fc.constantFrom('M', 'N'), t: fc.nat(), price: num, qty: num, maker: leg, taker: leg, midBefore: num, midAfter: num, batchId: fc.integer({ min: -1, max: 50 }) }) as fc.Arbitrary<Fill>;

describe('run logs', () => {
  it('the trade log gives what one builder per column gives (fills spanning several blocks)', () => {
    fc.assert(
      fc.property(fc.array(fill, { maxLength: 700, size: 'max' }), (fills) => {
        const log = new TradeLog(role);
        fills.forEach((f, i) => expect(log.append(f)).toBe(i));
        expect(log.fills).toBe(fills.length);
        expect(log.length).toBe(2 * fills.length);
        const rows = fills.flatMap((f, id) =>
          ([[f.maker, f.taker.agentId], [f.taker, f.maker.agentId]] as const).map(([l, cp]) => ({
            fill_id: id, leg: l.liquidity, t: f.t, venue: f.venue, market: f.market, batch_id: f.batchId, agent: l.agentId, role: role(l.agentId),
            order_id: l.orderId, side: l.side, price: f.price, qty: f.qty, fee: l.fee, liquidity: l.liquidity, submitted_at: l.submittedAt,
            mid_before: f.midBefore, mid_after: f.midAfter, counterparty: cp,
          })),
        );
        if (rows.length > 0) expectSame(log.columns(), reference(Object.keys(rows[0]!), rows));
        else expect(Object.values(log.columns()).every((c) => c.length === 0)).toBe(true);
      }),
      { numRuns: 60, seed: 11, endOnFailure: true },
    );
  });

  it('the order and truth logs give what one builder per column gives', () => {
    const message = fc.record({
      t: fc.nat(), arrived: fc.nat(), agent: fc.constantFrom(...agents), venue: fc.constantFrom('clob', 'fba'), market: fc.constantFrom('M', 'N'),
      action: fc.constantFrom('limit', 'market', 'cancel'), side: fc.constantFrom('buy', 'sell', ''), price: num, qty: num,
      result: fc.record({ orderId: fc.nat(), status: fc.constantFrom('accepted', 'filled', 'rejected', 'cancelled'), filledQty: num, remainingQty: num, reason: fc.option(fc.constantFrom('post-only', 'unknown-order'), { nil: undefined }) }),
    });
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 900, size: 'max' }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('M', 'N'), num, num), { minLength: 1, maxLength: 300, size: 'max' }), (messages, samples) => {
        const orders = new OrderLog();
        for (const m of messages) orders.append(m.t, m.arrived, m.agent, m.venue, m.market, m.action as 'limit', m.side, m.price, m.qty, m.result as OrderResult);
        expectSame(
          orders.columns(),
          reference(
            ['t', 'arrived_at', 'agent', 'venue', 'market', 'order_id', 'action', 'side', 'price', 'qty', 'status', 'filled_qty', 'remaining_qty', 'reason'],
            messages.map((m) => ({ t: m.t, arrived_at: m.arrived, agent: m.agent, venue: m.venue, market: m.market, order_id: m.result.orderId, action: m.action, side: m.side, price: m.price, qty: m.qty, status: m.result.status, filled_qty: m.result.filledQty, remaining_qty: m.result.remainingQty, reason: m.result.reason ?? '' })),
          ),
        );
        const truth = new TruthLog();
        for (const [t, market, latent, fair] of samples) truth.append(t, market, latent, fair);
        expectSame(truth.columns(), reference(['t', 'market', 'latent', 'fair'], samples.map(([t, market, latent, fair]) => ({ t, market, latent, fair }))));
      }),
      { numRuns: 40, seed: 12, endOnFailure: true },
    );
  });
});

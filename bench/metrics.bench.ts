/**
 * Metrics time on a synthetic run record of 1 million fills (2 million fill legs): every metric
 * plugin of the quickstart (markout and spreads, PnL/Sharpe/activity/conservation, immediacy,
 * price discovery, extraction and latency races) with its default config. Lower is better; the
 * record is built once, outside the timing, and each repeat computes from cold (no shared views).
 */
import {
  createStream,
  MidLog,
  OrderLog,
  TradeLog,
  TruthLog,
  type Fill,
  type Metric,
  type MetricRow,
  type ParticipantInfo,
  type RunRecord,
} from '@venuelab/kernel';
import markout from '@venuelab/plugin-metric-markout';
import pnl from '@venuelab/plugin-metric-pnl';
import immediacy from '@venuelab/plugin-metric-immediacy';
import discovery from '@venuelab/plugin-metric-discovery';
import extraction from '@venuelab/plugin-metric-extraction';
import truthRandomWalk from '@venuelab/plugin-truth-random-walk';
import venueClob from '@venuelab/plugin-venue-clob';
import agentNoise from '@venuelab/plugin-agent-noise';
import { runTest } from '@venuelab/testing';
import type { Benchmark } from './types.js';

const FILLS = 1_000_000;
const DURATION = 500_000;
const MARKETS = ['M1', 'M2'];
const VENUES = ['clob', 'fba'];

/** A deterministic synthetic record: random-walk truth, mids near truth, fills at the touch. */
export function syntheticRecord(fills = FILLS, duration = DURATION): RunRecord {
  return syntheticLogs(fills, duration).record();
}

/**
 * The logs of {@link syntheticRecord}; `record()` makes a fresh record from them each time (fresh
 * column tables, as the kernel's `collect` makes them, so no memoised metric view is shared).
 */
export function syntheticLogs(fills = FILLS, duration = DURATION): { record: () => RunRecord } {
  const rng = createStream(42, 'bench:metrics');
  const participants: ParticipantInfo[] = [];
  const add = (prefix: string, role: string, n: number) => {
    for (let i = 0; i < n; i++) participants.push({ id: `${prefix}-${i}`, role, plugin: 'bench' });
  };
  add('lp', 'LP', 20);
  add('inf', 'informed', 10);
  add('noise', 'noise', 70);
  const roles = new Map(participants.map((p) => [p.id, p.role]));
  const trades = new TradeLog((id) => roles.get(id) ?? 'unknown');
  const orders = new OrderLog();
  const mids = new MidLog();
  const truth = new TruthLog();
  const fair = MARKETS.map(() => new Float64Array(duration));
  for (let m = 0; m < MARKETS.length; m++) {
    let x = 10_000;
    for (let t = 0; t < duration; t++) {
      x += rng.normal(0, 1);
      fair[m]![t] = x;
    }
  }
  const mid = (v: number, m: number, t: number) => Math.round(fair[m]![Math.max(0, t - 3 * (v + 1))]!) + 0.5;
  for (let t = 0; t < duration; t++) {
    for (let m = 0; m < MARKETS.length; m++) truth.append(t, MARKETS[m]!, Math.log(fair[m]![t]! / 100), fair[m]![t]!);
    for (let v = 0; v < VENUES.length; v++) for (let m = 0; m < MARKETS.length; m++) mids.append(t, VENUES[v]!, MARKETS[m]!, mid(v, m, t) - 0.5, mid(v, m, t) + 0.5, mid(v, m, t));
  }
  const fill: Fill = {
    venue: '', market: '', t: 0, price: 0, qty: 0, midBefore: 0, midAfter: 0, batchId: -1,
    maker: { agentId: '', orderId: 0, side: 'buy', fee: 0, liquidity: 'maker', submittedAt: 0 },
    taker: { agentId: '', orderId: 0, side: 'sell', fee: 0, liquidity: 'taker', submittedAt: 0 },
  };
  // Order-log rows are collected, then appended in arrival order as the kernel logs them.
  type Row = [sent: number, arrived: number, agent: string, venue: string, market: string, action: 'limit' | 'market' | 'cancel', side: string, price: number, qty: number, id: number, status: 'resting' | 'filled' | 'cancelled', filled: number, remaining: number];
  const rows: Row[] = [];
  let id = 1;
  for (let k = 0; k < fills; k++) {
    const t = Math.floor((k * duration) / fills);
    const v = rng.int(VENUES.length);
    const m = rng.int(MARKETS.length);
    const takerBuys = rng.bernoulli(0.5);
    const mm = mid(v, m, t);
    const price = takerBuys ? mm + 0.5 : mm - 0.5;
    const qty = 1 + rng.int(5);
    const maker = participants[rng.int(20)]!.id;
    const taker = participants[20 + rng.int(80)]!.id;
    const wait = 1 + rng.int(50);
    const makerId = id++;
    const takerId = id++;
    const venue = VENUES[v]!;
    const market = MARKETS[m]!;
    rows.push([Math.max(0, t - wait), Math.max(0, t - wait + 1), maker, venue, market, 'limit', takerBuys ? 'sell' : 'buy', price, qty, makerId, 'resting', 0, qty]);
    rows.push([t, t, taker, venue, market, 'market', takerBuys ? 'buy' : 'sell', NaN, qty, takerId, 'filled', qty, 0]);
    if (k % 2 === 0) {
      const spare = id++;
      rows.push([t, t, maker, venue, market, 'limit', 'buy', mm - 3.5, 1, spare, 'resting', 0, 1]);
      rows.push([t + 5, t + 6, maker, venue, '', 'cancel', '', NaN, 0, spare, 'cancelled', 0, 0]);
    }
    fill.venue = venue;
    fill.market = market;
    fill.t = t;
    fill.price = price;
    fill.qty = qty;
    fill.midBefore = mm;
    fill.midAfter = mm + (takerBuys ? 0.5 : -0.5);
    fill.batchId = v === 1 ? Math.floor(t / 5) : -1;
    fill.maker.agentId = maker;
    fill.maker.orderId = makerId;
    fill.maker.side = takerBuys ? 'sell' : 'buy';
    fill.maker.fee = -0.00005 * price * qty;
    fill.maker.submittedAt = Math.max(0, t - wait);
    fill.taker.agentId = taker;
    fill.taker.orderId = takerId;
    fill.taker.side = takerBuys ? 'buy' : 'sell';
    fill.taker.fee = 0.0001 * price * qty;
    fill.taker.submittedAt = t;
    trades.append(fill);
  }
  const byArrival = rows.map((_, i) => i).sort((a, b) => rows[a]![1] - rows[b]![1] || a - b);
  for (const i of byArrival) {
    const r = rows[i]!;
    orders.append(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], { orderId: r[9], status: r[10], filledQty: r[11], remainingQty: r[12] });
  }
  rows.length = 0; // the rows are captured by the sort's closure context: release them
  return {
    record: () => ({
      runId: 'bench',
      seed: 42,
      duration,
      markets: MARKETS.map((id) => ({ id, tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' as const })),
      participants,
      venues: VENUES.map((id) => ({ id, plugin: 'bench', mechanism: id === 'fba' ? 'batch' : 'continuous' })),
      trades: trades.columns(),
      orders: orders.columns(),
      mids: mids.columns(),
      truth: truth.columns(),
      stats: { events: 0, fills: trades.fills, messages: orders.length, wallMs: 0 },
    }),
  };
}

/** The quickstart's metric components, built from their plugins with default configs. */
export function metricComponents(): Metric[] {
  const out: Metric[] = [];
  for (const p of [markout, pnl, immediacy, discovery, extraction]) {
    p.register({
      componentId: p.id,
      packageName: p.id,
      config: p.configSchema.parse({}) as never, // each plugin parses its own schema; TS sees the union of the five configs
      registerMetric: (factory) => out.push(factory({ id: p.id })),
      registerVenue: () => undefined,
      registerAgent: () => undefined,
      registerTruth: () => undefined,
      provide: () => undefined,
    });
  }
  return out;
}

let cached: { record: () => RunRecord } | undefined;

/** Computes every metric on `record` (pass a fresh one per repeat, so no memoised view is reused); returns seconds. */
export function timeMetrics(fresh: RunRecord): { seconds: number; rows: MetricRow[] } {
  const metrics = metricComponents();
  const t0 = performance.now();
  const rows = metrics.flatMap((m) => m.compute(fresh));
  return { seconds: (performance.now() - t0) / 1000, rows };
}

/**
 * A quickstart-like run (CLOB, random-walk truth, Poisson noise traders: about 1.13 fills per tick,
 * so `duration` 890,000 gives about 1 million fills), timed; then every metric on its record, timed.
 * Returns metrics time / run time, in CPU time (user + system of this process: on a shared machine
 * it does not count time spent waiting for a core; on a quiet one it equals wall time, the run and the
 * metrics being single-threaded), with both wall times beside it.
 */
export function metricsToRunRatio(duration = 890_000): { ratio: number; fills: number; runSeconds: number; metricSeconds: number; runCpuSeconds: number; metricCpuSeconds: number } {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const c0 = cpu();
  const t0 = performance.now();
  const { record } = runTest({
    seed: 7,
    duration,
    markets: [{ id: 'ACME', tickSize: 0.01, lotSize: 1, openingMid: 100, kind: 'price' }],
    truth: { plugin: truthRandomWalk, config: { q: 1e-7 } },
    venues: [{ plugin: venueClob, id: 'clob', config: { makerFeeBps: -0.5, takerFeeBps: 1, selfTradePrevention: 'cancelResting' } }],
    agents: [
      {
        plugin: agentNoise,
        id: 'noise',
        count: 100,
        latency: { observationDelay: 0, orderLatency: { dist: 'uniform', min: 0, max: 3 } },
        config: { arrivalRatePerUnit: 0.02, marketShare: 0.25, maxOffset: 4, orderLifetime: 200 },
      },
    ],
  });
  const runSeconds = (performance.now() - t0) / 1000;
  const c1 = cpu();
  const { seconds } = timeMetrics(record);
  const c2 = cpu();
  return { ratio: (c2 - c1) / (c1 - c0), fills: record.stats.fills, runSeconds, metricSeconds: seconds, runCpuSeconds: c1 - c0, metricCpuSeconds: c2 - c1 };
}

export const benchmarks: Benchmark[] = [
  {
    name: 'metrics time / run time (CPU), ~1M-fill noise-trader CLOB run',
    unit: 'ratio',
    better: 'lower',
    target: 0.5,
    repeats: 3,
    run: () => metricsToRunRatio().ratio,
  },
  {
    name: 'metrics, 1M fills (all quickstart metric plugins)',
    unit: 's',
    better: 'lower',
    target: 10,
    repeats: 3,
    run: () => {
      cached ??= syntheticLogs();
      return timeMetrics(cached.record()).seconds;
    },
  },
];

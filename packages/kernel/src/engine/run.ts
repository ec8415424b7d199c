/**
 * One run: `validate -> register -> resolve -> start -> run -> stop -> collect -> dispose`.
 *
 * Guarantees:
 * - one child DI container, one scheduler (one sequence counter) and one set of RNG streams per
 *   run; no module-level state, so runs in one process never touch each other;
 * - every plugin's kernel range, dependencies and config are checked in `validate`, before
 *   anything is built;
 * - after `start` the container and bus wiring are frozen;
 * - fills are drained from every venue after each event into the trade log and the fill bus;
 * - a plugin that throws fails the run with a {@link PluginRunError} naming it, the tick and the seed.
 * @module
 */
import 'reflect-metadata';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import type { Agent, AgentContext, LatencySampler, Signal, VenueDirectory } from '../contracts/agent.js';
import type { Metric, MetricRow } from '../contracts/metric.js';
import type { Fill, FillLeg, LimitOrderRequest, OrderId, OrderResult, Side } from '../contracts/orders.js';
import type { PluginContext, PluginKind, TruthContext, VenueContext, MetricContext } from '../contracts/plugin.js';
import type { ParticipantInfo, RunRecord } from '../contracts/record.js';
import type { TruthProcess } from '../contracts/truth.js';
import type { FillSink, Venue } from '../contracts/venue.js';
import { ConfigError, ErrorCode, PluginRunError, VenuelabError } from '../errors.js';
import { asInjectionToken, type Token } from '../tokens.js';
import { RunBus } from './bus.js';
import { validateRunSpec, type ResolvedComponent, type ResolvedRunSpec } from './host.js';
import { distributionSampler, latencySampler, type LatencyConfig } from './latency.js';
import { MidLog, OrderLog, TradeLog, TruthLog, type OrderAction } from './logs.js';
import { RngStreams } from './rng.js';
import { Priority, Scheduler, type EventId, type EventTarget } from './scheduler.js';
import { Tokens, type RunInfo, type SignalDelivery } from './services.js';
import type { RunSpec } from './spec.js';

/** Lifecycle phases, in order. */
export const PHASES = ['new', 'validated', 'registered', 'resolved', 'started', 'ran', 'stopped', 'collected', 'disposed'] as const;
/** A lifecycle phase. */
export type Phase = (typeof PHASES)[number];

/** Options of a run. */
export interface RunOptions {
  /** Called every `progressEvery` events with simulated time (for progress bars). */
  onProgress?: (info: { t: number; duration: number; events: number }) => void;
  /** Events between progress reports (default 65,536). */
  progressEvery?: number;
  /**
   * A heartbeat for a watchdog on another thread (pass a view of a `SharedArrayBuffer`, length >= 2).
   * Whenever code of another component starts or stops running, the kernel writes `[0]` = the
   * current tick and `[1]` = the index of the component now running (-1 for the kernel itself).
   * Components are numbered in spec order: 0 the truth process, then the venues, the agents and the
   * metrics. A run stuck inside one event (e.g. an endless loop in a plugin) never returns, so no
   * guardrail inside the run can end it; a watchdog that stops its thread reads from the heartbeat
   * which component was running and at which tick.
   */
  heartbeat?: Float64Array;
}

/** The result of {@link executeRun}. */
export interface RunOutput {
  /** The run record. */
  record: RunRecord;
  /** Metric rows of every metric component. */
  metrics: MetricRow[];
}

interface Owner {
  component: string;
  plugin: string;
  /** Index in spec order (truth, venues, agents, metrics); see {@link RunOptions.heartbeat}. */
  index: number;
}

// Internal provider tokens: plugins register factories under them; `resolve` builds the components.
const TruthProvider = Symbol('venuelab.provider.truth');
const VenueProvider = Symbol('venuelab.provider.venue');
const AgentProvider = Symbol('venuelab.provider.agent');
const MetricProvider = Symbol('venuelab.provider.metric');

interface Built<T> {
  owner: Owner;
  value: T;
}

const EV_FILL = -1;
const EV_RESULT = -2;
const EV_SIGNAL = -3;

const RT_LIMIT = 1;
const RT_MARKET = 2;
const RT_CANCEL = 3;

interface RouterMessage {
  host: AgentHost;
  venue: VenueSlot;
  action: OrderAction;
  orderId: OrderId;
  market: string;
  side: Side;
  price: number;
  qty: number;
  sentAt: number;
  postOnly: boolean;
}

class FillBuffer implements FillSink {
  items: Fill[] = [];
  constructor(private readonly run: Run) {}
  push(fill: Fill): void {
    this.items.push(fill);
    this.run.fillsPending = true;
  }
}

interface VenueSlot {
  index: number;
  venue: Venue;
  owner: Owner;
  buffer: FillBuffer;
}

/** Hosts one agent: receives its wakes and notifications from the scheduler. */
class AgentHost implements EventTarget {
  agent!: Agent;
  latency!: LatencySampler;
  delayFill!: () => number;
  delayResult!: () => number;
  delaySignal!: () => number;
  allowed!: Set<string>;
  constructor(
    readonly run: Run,
    readonly id: string,
    readonly role: string,
    readonly owner: Owner,
  ) {}

  handleEvent(kind: number, arg: number, payload: unknown, t: number): void {
    this.run.current = this.owner;
    const a = this.agent;
    if (kind >= 0) a.onWake?.(kind, arg, t);
    else if (kind === EV_FILL) {
      const f = payload as Fill;
      a.onFill?.(f, arg === 0 ? f.maker : f.taker, t);
    } else if (kind === EV_RESULT) {
      const p = payload as { result: OrderResult; venue: string };
      a.onOrderResult?.(p.result, p.venue, t);
    } else if (kind === EV_SIGNAL) a.onSignal?.(payload as Signal, t);
  }
}

/**
 * One run of one experiment config with one seed. Use the phase methods in order, or
 * {@link executeRun} for all of them.
 */
export class Run {
  /** Current phase. */
  phase: Phase = 'new';
  private running: Owner | null = null;
  private owners = 0;
  private readonly heartbeat: Float64Array | undefined;

  /** @internal owner of the code currently running, for error attribution (and the heartbeat) */
  get current(): Owner | null {
    return this.running;
  }

  /** @internal sets the running owner and writes the heartbeat (see {@link RunOptions.heartbeat}) */
  set current(o: Owner | null) {
    this.running = o;
    const hb = this.heartbeat;
    if (hb !== undefined) {
      hb[0] = this.scheduler.now;
      hb[1] = o === null ? -1 : o.index;
    }
  }
  /** @internal set when any venue appended a fill */
  fillsPending = false;

  /** The run's typed event bus. */
  readonly bus = new RunBus();
  /** The run's event scheduler (one sequence counter per run). */
  readonly scheduler: Scheduler;
  /** The run's seeded random streams. */
  readonly rng: RngStreams;
  private spec!: ResolvedRunSpec;
  private container: DependencyContainer | null = null;
  private frozen = false;
  private truth!: TruthProcess;
  private truthOwner!: Owner;
  private venues: VenueSlot[] = [];
  private venueById = new Map<string, VenueSlot>();
  private hosts: AgentHost[] = [];
  private hostById = new Map<string, AgentHost>();
  private metricComponents: Built<Metric>[] = [];
  private roles = new Map<string, string>();
  private participants: ParticipantInfo[] = [];
  private readonly trades: TradeLog;
  private readonly orders = new OrderLog();
  private readonly mids = new MidLog();
  private readonly truthLog = new TruthLog();
  private nextOrderId = 1;
  private messages = 0;
  private wallMs = 0;
  private readonly runId: string;
  private readonly router: EventTarget;
  private readonly clock: EventTarget;
  /** @internal whether the clock must fire every tick (see {@link Run.nextClockTick}) */
  private everyTick = true;

  /**
   * @param rawSpec - the run specification
   * @param options - progress reporting
   */
  constructor(
    private readonly rawSpec: RunSpec,
    private readonly options: RunOptions = {},
  ) {
    this.heartbeat = options.heartbeat;
    this.rng = new RngStreams(rawSpec.seed);
    this.scheduler = new Scheduler({
      tiePolicy: rawSpec.tiePolicy,
      tieStream: rawSpec.tiePolicy === 'shuffle' ? this.rng.stream('kernel:ties') : undefined,
    });
    this.runId = rawSpec.runId ?? `seed-${rawSpec.seed}`;
    this.trades = new TradeLog((id) => this.roles.get(id) ?? 'unknown');
    this.router = { handleEvent: (kind, _arg, payload, t) => this.arrive(kind, payload as RouterMessage, t) };
    this.clock = { handleEvent: (_k, _a, _p, t) => this.onClock(t) };
  }

  private advance(from: Phase, to: Phase): void {
    if (this.phase !== from) {
      throw new VenuelabError(ErrorCode.Lifecycle, `cannot enter phase "${to}" from "${this.phase}" (expected "${from}")`);
    }
    this.phase = to;
  }

  /** Checks plugins, ranges, dependencies and configs; throws a {@link ConfigError} listing every problem. */
  validate(): void {
    this.advance('new', 'validated');
    const { resolved, issues } = validateRunSpec(this.rawSpec);
    if (issues.length > 0) throw new ConfigError(issues);
    this.spec = resolved;
  }

  /** Creates the run's child container and lets every plugin register its providers. */
  register(): void {
    this.advance('validated', 'registered');
    const c = rootContainer.createChildContainer();
    this.container = c;
    const info: RunInfo = { runId: this.runId, seed: this.spec.seed, duration: this.spec.duration, markets: this.spec.markets };
    c.register(asInjectionToken(Tokens.RunInfo), { useValue: info });
    c.register(asInjectionToken(Tokens.Scheduler), { useValue: this.scheduler });
    c.register(asInjectionToken(Tokens.Rng), { useValue: this.rng });
    c.register(asInjectionToken(Tokens.Bus), { useValue: this.bus });
    c.register(asInjectionToken(Tokens.Venues), { useValue: this.directory });
    c.register(asInjectionToken(Tokens.Signals), { useValue: this.signals });
    c.register(asInjectionToken(Tokens.Truth), { useFactory: () => this.truth });

    const s = this.spec;
    this.registerComponent(s.truth, 'truth');
    for (const v of s.venues) this.registerComponent(v, 'venue');
    for (const a of s.agents) this.registerComponent(a, 'agent');
    for (const m of s.metrics) this.registerComponent(m, 'metric');
  }

  private registerComponent(comp: ResolvedComponent, kind: PluginKind): void {
    const c = this.container!;
    const owner: Owner = { component: comp.id, plugin: comp.packageName, index: this.owners++ };
    const counts = { truth: 0, venue: 0, agent: 0, metric: 0 };
    const guard = (what: string) => {
      if (this.frozen) throw new VenuelabError(ErrorCode.Lifecycle, `${comp.packageName}: cannot ${what} after the run started`);
    };
    const wrongKind = (what: PluginKind) => {
      if (what !== kind) {
        throw new VenuelabError(ErrorCode.Registration, `${comp.packageName} (${comp.path}) is a ${kind} plugin but registered a ${what}`);
      }
    };
    const ctx: PluginContext<unknown> = {
      componentId: comp.id,
      packageName: comp.packageName,
      config: comp.resolvedConfig,
      registerTruth: (factory) => {
        guard('register');
        wrongKind('truth');
        counts.truth++;
        c.register(TruthProvider, { useFactory: () => ({ owner, value: factory(this.truthContext(comp)) }) });
      },
      registerVenue: (factory) => {
        guard('register');
        wrongKind('venue');
        counts.venue++;
        c.register(VenueProvider, { useFactory: () => ({ owner, value: this.buildVenue(comp, owner, factory) }) });
      },
      registerAgent: (factory) => {
        guard('register');
        wrongKind('agent');
        counts.agent++;
        const n = comp.count ?? 1;
        for (let i = 0; i < n; i++) {
          const id = n === 1 ? comp.id : `${comp.id}-${i}`;
          c.register(AgentProvider, { useFactory: () => ({ owner, value: this.buildAgent(comp, owner, id, factory) }) });
        }
      },
      registerMetric: (factory) => {
        guard('register');
        wrongKind('metric');
        counts.metric++;
        c.register(MetricProvider, { useFactory: () => ({ owner, value: factory({ id: comp.id } satisfies MetricContext) }) });
      },
      provide: (token, factory) => {
        guard('provide');
        c.register(asInjectionToken(token), { useFactory: () => factory() });
      },
    };
    try {
      comp.plugin.register(ctx);
    } catch (e) {
      if (e instanceof VenuelabError) throw e;
      throw new PluginRunError({ component: comp.id, plugin: comp.packageName, t: 0, seed: this.spec.seed, cause: e, phase: 'register' });
    }
    if (counts[kind] !== 1) {
      throw new VenuelabError(
        ErrorCode.Registration,
        `${comp.packageName} (${comp.path}) must register exactly one ${kind} provider, registered ${counts[kind]}`,
      );
    }
  }

  private resolveFn = <T>(token: Token<T>): T => {
    if (this.phase !== 'resolved' && this.phase !== 'started' && this.phase !== 'ran') {
      throw new VenuelabError(ErrorCode.Lifecycle, 'services can only be resolved from `resolve` on');
    }
    return this.container!.resolve(asInjectionToken(token));
  };

  private truthContext(comp: ResolvedComponent): TruthContext {
    return {
      id: comp.id,
      seed: this.spec.seed,
      duration: this.spec.duration,
      markets: this.spec.markets,
      rng: (name) => this.rng.stream(`truth:${comp.id}:${name}`),
      resolve: this.resolveFn,
    };
  }

  private buildVenue(comp: ResolvedComponent, owner: Owner, factory: (ctx: VenueContext) => Venue): Venue {
    const buffer = new FillBuffer(this);
    const ctx: VenueContext = {
      id: comp.id,
      seed: this.spec.seed,
      duration: this.spec.duration,
      markets: this.spec.markets,
      fills: buffer,
      bus: this.bus,
      truth: this.truth,
      now: () => this.scheduler.now,
      rng: (name) => this.rng.stream(`venue:${comp.id}:${name}`),
      resolve: this.resolveFn,
    };
    const venue = factory(ctx);
    const slot: VenueSlot = { index: this.venues.length, venue, owner, buffer };
    this.venues.push(slot);
    this.venueById.set(comp.id, slot);
    return venue;
  }

  private buildAgent(comp: ResolvedComponent, owner: Owner, id: string, factory: (ctx: AgentContext) => Agent): Agent {
    const role = comp.resolvedRole ?? comp.plugin.id;
    const host = new AgentHost(this, id, role, owner);
    const lat = comp.resolvedLatency as LatencyConfig;
    host.latency = latencySampler(lat, (knob) => this.rng.stream(`latency:${id}:${knob}`));
    // Separate streams per kind of notification: a new signal tier never shifts fill or result delays.
    host.delayFill = distributionSampler(lat.observationDelay, () => this.rng.stream(`latency:${id}:observationDelay:fill`));
    host.delayResult = distributionSampler(lat.observationDelay, () => this.rng.stream(`latency:${id}:observationDelay:result`));
    host.delaySignal = distributionSampler(lat.observationDelay, () => this.rng.stream(`latency:${id}:observationDelay:signal`));
    host.allowed = new Set(comp.venues && comp.venues.length > 0 ? comp.venues : this.spec.venues.map((v) => v.id));
    const sched = this.scheduler;
    const run = this;
    // Methods, not arrow properties: under tsx (esbuild keepNames) every arrow property is wrapped
    // to set its name, and a run builds one context per agent (thousands).
    const ctx: AgentContext = {
      id,
      role,
      seed: this.spec.seed,
      duration: this.spec.duration,
      markets: this.spec.markets,
      venueIds: [...host.allowed],
      venues: this.directory,
      truth: this.truth,
      latency: host.latency,
      now() {
        return sched.now;
      },
      rng(name) {
        return run.rng.stream(`agent:${id}:${name}`);
      },
      wakeAt(t, kind = 0, arg = 0, priority = Priority.Agent) {
        return sched.schedule(Math.ceil(t), priority, host, kind, arg);
      },
      wakeIn(delay, kind = 0, arg = 0, priority = Priority.Agent) {
        return sched.schedule(sched.now + Math.ceil(delay), priority, host, kind, arg);
      },
      cancelWake(eid: EventId) {
        return sched.cancel(eid);
      },
      submitLimit(venueId, o) {
        return run.send(host, venueId, 'limit', RT_LIMIT, o.market, o.side, o.price, o.qty, 0, o.postOnly === true);
      },
      submitMarket(venueId, o) {
        return run.send(host, venueId, 'market', RT_MARKET, o.market, o.side, NaN, o.qty, 0, false);
      },
      cancel(venueId, orderId) {
        run.send(host, venueId, 'cancel', RT_CANCEL, '', 'buy', NaN, 0, orderId, false);
      },
      resolve: this.resolveFn,
    };
    const agent = factory(ctx);
    if (!agent || typeof agent.start !== 'function') {
      throw new VenuelabError(ErrorCode.Registration, `${comp.packageName} (${comp.path}): agent factory must return an object with start()`);
    }
    host.agent = agent;
    this.hosts.push(host);
    this.hostById.set(id, host);
    this.roles.set(id, role);
    this.participants.push({ id, role, plugin: comp.packageName });
    return agent;
  }

  /** Builds every component, in order: truth, venues, agents, metrics. */
  resolve(): void {
    this.advance('registered', 'resolved');
    const c = this.container!;
    const build = <T>(token: symbol, label: string): Built<T>[] => {
      if (!c.isRegistered(token)) return [];
      try {
        return c.resolveAll<Built<T>>(token);
      } catch (e) {
        if (e instanceof VenuelabError) throw e;
        throw new PluginRunError({ component: this.current?.component ?? label, plugin: this.current?.plugin ?? label, t: 0, seed: this.spec.seed, cause: e, phase: 'resolve' });
      }
    };
    const truth = build<TruthProcess>(TruthProvider, 'truth');
    this.truth = truth[0]!.value;
    this.truthOwner = truth[0]!.owner;
    build<Venue>(VenueProvider, 'venue');
    for (const v of this.venues) {
      for (const p of (v.venue as Venue & { participants?: () => { id: string; role: string }[] }).participants?.() ?? []) {
        this.roles.set(p.id, p.role);
        this.participants.push({ id: p.id, role: p.role, plugin: v.owner.plugin });
      }
    }
    build<Agent>(AgentProvider, 'agent');
    this.metricComponents = build<Metric>(MetricProvider, 'metric');
  }

  /** Freezes the wiring, starts every agent and the venue clock. */
  start(): void {
    this.advance('resolved', 'started');
    this.frozen = true;
    const rec = this.spec.recording;
    this.everyTick = rec.midEvery === 1 || rec.truthEvery === 1 || this.venues.some((v) => v.venue.capabilities.mechanism !== 'continuous');
    this.scheduler.schedule(0, Priority.Clock, this.clock);
    for (const h of this.hosts) {
      this.current = h.owner;
      this.guarded('start', () => h.agent.start());
    }
    this.current = null;
  }

  private guarded<T>(phase: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof PluginRunError) throw e;
      if (e instanceof VenuelabError && e.code === ErrorCode.Guardrail) throw e;
      const o = this.current ?? { component: 'kernel', plugin: '@venuelab/kernel' };
      throw new PluginRunError({ component: o.component, plugin: o.plugin, t: this.scheduler.now, seed: this.spec.seed, cause: e, phase });
    }
  }

  /**
   * The event loop. A method rather than a closure made in {@link run}: V8 keeps a method's
   * optimised code for the next run in the same thread (a sweep worker), a fresh closure each run
   * is compiled again.
   */
  private loop(sched: Scheduler, until: number, every: number, t0: number): void {
    let n = 0;
    while (sched.step(until)) {
      if (this.fillsPending) this.drain();
      if (++n % 4096 === 0) {
        this.checkGuardrails(n, t0);
        if (n % every === 0) this.progress(n);
      }
    }
  }

  /** Runs the simulation until the end of its duration (events at ticks < duration). */
  run(): void {
    this.advance('started', 'ran');
    const sched = this.scheduler;
    const until = this.spec.duration - 1;
    const every = this.options.progressEvery ?? 65_536;
    const t0 = performance.now(); // venuelab-allow-wallclock: guardrail and stats only
    if (this.bus.has('run.started')) this.bus.emit('run.started', { runId: this.runId, seed: this.spec.seed, duration: this.spec.duration });
    this.guarded('run', () => this.loop(sched, until, every, t0));
    this.current = null;
    this.wallMs = performance.now() - t0; // venuelab-allow-wallclock
    this.progress(sched.dispatched);
    if (this.bus.has('run.stopped')) this.bus.emit('run.stopped', { runId: this.runId, t: sched.now, events: sched.dispatched });
  }

  private progress(events: number): void {
    const info = { t: this.scheduler.now, duration: this.spec.duration, events };
    this.options.onProgress?.(info);
    if (this.bus.has('progress.reported')) this.bus.emit('progress.reported', info);
  }

  private checkGuardrails(events: number, t0: number): void {
    const g = this.spec.guardrails;
    const fail = (what: string) => {
      const last = this.current ? ` (last event run by plugin ${this.current.plugin}, component ${this.current.component})` : '';
      throw new VenuelabError(ErrorCode.Guardrail, `guardrail ${what} hit at t=${this.scheduler.now} with seed ${this.spec.seed}${last}`, {
        t: this.scheduler.now,
        seed: this.spec.seed,
        plugin: this.current?.plugin,
        component: this.current?.component,
      });
    };
    if (events >= g.maxEvents) fail(`maxEvents=${g.maxEvents}`);
    if (performance.now() - t0 > g.maxWallMs) fail(`maxWallMs=${g.maxWallMs}`); // venuelab-allow-wallclock
    let resting = 0;
    for (const v of this.venues) resting += v.venue.restingOrderCount();
    if (resting > g.maxRestingOrders) fail(`maxRestingOrders=${g.maxRestingOrders}`);
  }

  /** Calls every agent's `stop`. */
  stop(): void {
    this.advance('ran', 'stopped');
    for (const h of this.hosts) {
      if (!h.agent.stop) continue;
      this.current = h.owner;
      this.guarded('stop', () => h.agent.stop!(this.scheduler.now));
    }
    this.current = null;
  }

  /** Builds the run record and computes every metric. */
  collect(): RunOutput {
    this.advance('stopped', 'collected');
    const record: RunRecord = {
      runId: this.runId,
      seed: this.spec.seed,
      duration: this.spec.duration,
      markets: this.spec.markets,
      participants: this.participants,
      venues: this.venues.map((v) => ({ id: v.venue.id, plugin: v.owner.plugin, mechanism: v.venue.capabilities.mechanism })),
      trades: this.trades.columns(),
      orders: this.orders.columns(),
      mids: this.mids.columns(),
      truth: this.truthLog.columns(),
      stats: { events: this.scheduler.dispatched, fills: this.trades.fills, messages: this.messages, wallMs: this.wallMs },
    };
    const metrics: MetricRow[] = [];
    for (const m of this.metricComponents) {
      this.current = m.owner;
      const rows = this.guarded('collect', () => m.value.compute(record));
      for (const r of rows) {
        if (!Number.isFinite(r.value)) {
          throw new VenuelabError(
            ErrorCode.NonFinite,
            `metric ${m.owner.plugin} (component ${m.owner.component}) produced ${r.value} for ${r.metric} [${r.scope} ${r.key}] with seed ${this.spec.seed}`,
            { metric: r.metric, seed: this.spec.seed },
          );
        }
        metrics.push(r);
      }
    }
    this.current = null;
    return { record, metrics };
  }

  /** Releases the container and every reference. */
  dispose(): void {
    this.phase = 'disposed';
    this.container?.clearInstances();
    this.container = null;
    this.bus.removeAllListeners();
    this.hosts = [];
    this.venues = [];
    this.venueById.clear();
    this.hostById.clear();
  }

  // ---- venue clock -------------------------------------------------------------------------

  private onClock(t: number): void {
    const rec = this.spec.recording;
    for (const v of this.venues) {
      this.current = v.owner;
      v.venue.tick(t);
    }
    if (this.fillsPending) this.drain();
    if (t % rec.midEvery === 0) {
      for (const v of this.venues) {
        for (const m of v.venue.markets) {
          const s = v.venue.getState(m, 1);
          this.mids.append(t, v.venue.id, m, s.bestBid, s.bestAsk, s.mid);
        }
      }
    }
    if (t % rec.truthEvery === 0) {
      this.current = this.truthOwner;
      for (const m of this.spec.markets) this.truthLog.append(t, m.id, this.truth.latentAt(m.id, t), this.truth.fairAt(m.id, t));
    }
    this.current = null;
    const next = this.nextClockTick(t);
    if (next < this.spec.duration) this.scheduler.schedule(next, Priority.Clock, this.clock);
  }

  /**
   * The clock rule. The clock fires at tick 0 and then:
   * - every tick when any venue's mechanism is not `continuous` (batch, pool, hybrid and intensity
   *   venues do work in `tick`), or when `recording.midEvery` or `recording.truthEvery` is 1;
   * - otherwise (only continuous venues, which match order by order and need no clock) only at the
   *   next sampling tick, the next multiple of `midEvery` or of `truthEvery`. Continuous venues'
   *   `tick` is then called on sampling ticks only.
   * A sparse clock saves one scheduler event per tick on long runs with fine ticks (e.g. a
   * 23.4M-tick trading day at 1 ms ticks); every existing config with per-tick sampling or a
   * clocked venue runs exactly as before (same events, same tie-stream draws).
   */
  private nextClockTick(t: number): number {
    if (this.everyTick) return t + 1;
    const { midEvery, truthEvery } = this.spec.recording;
    const m = (Math.floor(t / midEvery) + 1) * midEvery;
    const r = (Math.floor(t / truthEvery) + 1) * truthEvery;
    return m < r ? m : r;
  }

  // ---- fill drain --------------------------------------------------------------------------

  /** Drains every venue's fill buffer into the trade log, the bus and the owners. */
  private drain(): void {
    this.fillsPending = false;
    const busHas = this.bus.has('fill.executed');
    for (const v of this.venues) {
      const buf = v.buffer;
      // Notifications may cause new fills (zero-latency replies); they are appended and drained in this loop.
      for (let i = 0; i < buf.items.length; i++) {
        const f = buf.items[i]!;
        this.trades.append(f);
        if (busHas) this.bus.emit('fill.executed', f);
        this.notifyFill(f, f.maker, 0);
        this.notifyFill(f, f.taker, 1);
      }
      buf.items.length = 0;
    }
    if (this.fillsPending) this.drain();
  }

  private notifyFill(f: Fill, leg: FillLeg, which: number): void {
    const h = this.hostById.get(leg.agentId);
    if (!h || !h.agent.onFill) return;
    const d = h.delayFill();
    if (d === 0) {
      const prev = this.current;
      this.current = h.owner;
      h.agent.onFill(f, leg, this.scheduler.now);
      this.current = prev;
    } else this.scheduler.schedule(this.scheduler.now + d, Priority.Agent, h, EV_FILL, which, f);
  }

  // ---- order router ------------------------------------------------------------------------

  private send(
    host: AgentHost,
    venueId: string,
    action: OrderAction,
    kind: number,
    market: string,
    side: Side,
    price: number,
    qty: number,
    cancelId: OrderId,
    postOnly: boolean,
  ): OrderId {
    const slot = this.venueById.get(venueId);
    if (!slot) throw new VenuelabError(ErrorCode.UnknownReference, `agent ${host.id} sent to unknown venue "${venueId}"`);
    if (!host.allowed.has(venueId)) {
      throw new VenuelabError(ErrorCode.UnknownReference, `agent ${host.id} is not configured to trade on venue "${venueId}"`);
    }
    if (action !== 'cancel' && (!Number.isFinite(qty) || (action === 'limit' && !Number.isFinite(price)))) {
      // A non-finite order is a bug in the agent, not a market event: fail the run and name it.
      throw new VenuelabError(ErrorCode.NonFinite, `agent ${host.id} sent a ${action} order with ${!Number.isFinite(qty) ? `quantity ${qty}` : `price ${price}`}`);
    }
    const orderId = action === 'cancel' ? cancelId : this.nextOrderId++;
    this.messages++;
    const sentAt = this.scheduler.now;
    const msg: RouterMessage = { host, venue: slot, action, orderId, market, side, price, qty, sentAt, postOnly };
    const lat = host.latency.orderLatency();
    if (lat === 0) this.arrive(kind, msg, sentAt);
    else this.scheduler.schedule(sentAt + lat, Priority.Agent, this.router, kind, 0, msg);
    return orderId;
  }

  private arrive(kind: number, m: RouterMessage, t: number): void {
    const venue = m.venue.venue;
    const prev = this.current;
    this.current = m.venue.owner;
    let r: OrderResult;
    if (kind === RT_LIMIT) {
      const req: LimitOrderRequest = { orderId: m.orderId, agentId: m.host.id, market: m.market, side: m.side, price: m.price, qty: m.qty, submittedAt: m.sentAt };
      if (m.postOnly) req.postOnly = true;
      r = venue.submitLimitOrder(req);
    } else if (kind === RT_MARKET) {
      r = venue.submitMarketOrder({ orderId: m.orderId, agentId: m.host.id, market: m.market, side: m.side, qty: m.qty, submittedAt: m.sentAt });
    } else {
      r = venue.cancelOrder({ orderId: m.orderId, agentId: m.host.id, submittedAt: m.sentAt });
    }
    this.current = prev;
    this.orders.append(m.sentAt, t, m.host.id, venue.id, m.market, m.action, m.action === 'cancel' ? '' : m.side, m.price, m.qty, r);
    if (this.bus.has('order.accepted') || this.bus.has('order.rejected') || this.bus.has('order.cancelled')) {
      const ev = { venue: venue.id, agentId: m.host.id, t, result: r };
      if (r.status === 'rejected') this.bus.emit('order.rejected', ev);
      else if (r.status === 'cancelled') this.bus.emit('order.cancelled', ev);
      else this.bus.emit('order.accepted', ev);
    }
    const h = m.host;
    if (h.agent.onOrderResult) {
      const d = h.delayResult();
      this.scheduler.schedule(t + d, Priority.Agent, h, EV_RESULT, 0, { result: r, venue: venue.id });
    }
  }

  // ---- services ----------------------------------------------------------------------------

  private readonly directory: VenueDirectory = {
    ids: () => this.venues.map((v) => v.venue.id),
    capabilities: (id) => this.venueOrThrow(id).venue.capabilities,
    markets: (id) => this.venueOrThrow(id).venue.markets,
    state: (id, market, depth) => this.venueOrThrow(id).venue.getState(market, depth),
    estimateImpact: (id, market, side, qty) => this.venueOrThrow(id).venue.estimateImpact(market, side, qty),
  };

  private venueOrThrow(id: string): VenueSlot {
    const v = this.venueById.get(id);
    if (!v) throw new VenuelabError(ErrorCode.UnknownReference, `unknown venue "${id}"`);
    return v;
  }

  private readonly signals: SignalDelivery = {
    agentIds: () => this.hosts.map((h) => h.id),
    roleOf: (id) => this.roles.get(id) ?? 'unknown',
    deliver: (agentId, signal) => {
      const h = this.hostById.get(agentId);
      if (!h) throw new VenuelabError(ErrorCode.UnknownReference, `signal for unknown agent "${agentId}"`);
      if (!h.agent.onSignal) return;
      const d = h.delaySignal();
      this.scheduler.schedule(this.scheduler.now + d, Priority.Agent, h, EV_SIGNAL, 0, signal);
    },
  };
}

/** Runs every phase of a run and returns its record and metric rows. The run is disposed afterwards. */
export function executeRun(spec: RunSpec, options: RunOptions = {}): RunOutput {
  const run = new Run(spec, options);
  try {
    run.validate();
    run.register();
    run.resolve();
    run.start();
    run.run();
    run.stop();
    return run.collect();
  } finally {
    run.dispose();
  }
}

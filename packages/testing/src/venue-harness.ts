/**
 * A venue harness: one venue outside any run, with a hand-driven clock and its fills collected,
 * for hand-computed scenarios and property tests.
 * @module
 */
import {
  RngStreams,
  RunBus,
  type Fill,
  type MarketSpec,
  type PluginDefinition,
  type TruthProcess,
  type Venue,
  type VenueContext,
  ErrorCode,
  VenuelabError,
} from '@venuelab/kernel';
import { TEST_MARKET } from './test-kernel.js';

/** A venue under test. */
export interface VenueHarness<V extends Venue = Venue> {
  /** The venue. */
  venue: V;
  /** Every fill the venue appended, in order. */
  fills: Fill[];
  /** The bus handed to the venue. */
  bus: RunBus;
  /** Current tick. */
  now: number;
  /** Sets the clock (and calls `venue.tick` for every tick passed when `tick` is true). */
  advance(to: number, tick?: boolean): void;
  /** Removes and returns the fills appended since the last call. */
  drain(): Fill[];
}

/** A flat truth at each market's opening mid, for venues that read truth. */
export function flatTruth(markets: readonly MarketSpec[]): TruthProcess {
  const mid = new Map(markets.map((m) => [m.id, m.openingMid / m.tickSize]));
  return {
    id: 'flat',
    space: 'linear',
    latentAt: (m) => mid.get(m)!,
    fairAt: (m) => mid.get(m)!,
    toTicks: (_m, x) => x,
    toLatent: (_m, x) => x,
  };
}

/**
 * Instantiates a venue plugin with a config, outside any run.
 * @param plugin - the venue plugin
 * @param config - its config (validated against the plugin's schema)
 * @param options - markets, seed, truth
 */
export function venueHarness<V extends Venue = Venue>(
  plugin: PluginDefinition,
  config: unknown = {},
  options: { markets?: MarketSpec[]; seed?: number; truth?: TruthProcess; id?: string; duration?: number } = {},
): VenueHarness<V> {
  const parsed = plugin.configSchema.safeParse(config);
  if (!parsed.success) throw new VenuelabError(ErrorCode.Config, `bad venue config: ${parsed.error.message}`);
  const markets = options.markets ?? [TEST_MARKET];
  const rng = new RngStreams(options.seed ?? 1);
  const bus = new RunBus();
  const fills: Fill[] = [];
  let drained = 0;
  const h: VenueHarness<V> = {
    venue: undefined as unknown as V,
    fills,
    bus,
    now: 0,
    advance(to: number, tick = true) {
      for (let t = h.now + 1; t <= to; t++) {
        h.now = t;
        if (tick) h.venue.tick(t);
      }
      h.now = to;
    },
    drain() {
      const out = fills.slice(drained);
      drained = fills.length;
      return out;
    },
  };
  const id = options.id ?? plugin.id;
  const ctx: VenueContext = {
    id,
    seed: options.seed ?? 1,
    duration: options.duration ?? 1_000_000,
    markets,
    fills: { push: (f) => fills.push(f) },
    bus,
    truth: options.truth ?? flatTruth(markets),
    now: () => h.now,
    rng: (name) => rng.stream(`venue:${id}:${name}`),
    resolve: () => {
      throw new VenuelabError(ErrorCode.Lifecycle, 'the venue harness provides no services');
    },
  };
  let made: Venue | undefined;
  plugin.register({
    componentId: id,
    packageName: `test:${plugin.id}`,
    config: parsed.data,
    registerVenue: (factory) => {
      made = factory(ctx);
    },
    registerAgent: () => {
      throw new VenuelabError(ErrorCode.Registration, 'not a venue plugin');
    },
    registerTruth: () => {
      throw new VenuelabError(ErrorCode.Registration, 'not a venue plugin');
    },
    registerMetric: () => {
      throw new VenuelabError(ErrorCode.Registration, 'not a venue plugin');
    },
    provide: () => {},
  });
  if (!made) throw new VenuelabError(ErrorCode.Registration, `${plugin.id} registered no venue`);
  h.venue = made as V;
  return h;
}

/**
 * The venue fuzzer: long, seeded, model-based random message streams against a venue, built on the
 * conformance suite ({@link runConformanceStream}). Where the conformance suite runs many short
 * streams (to shrink failures to a few steps), the fuzzer runs a fixed budget of steps (default
 * 100,000, or the `FUZZ_STEPS` environment variable) in streams of a few hundred steps, so books grow
 * deep and ids pile up. Every step is checked by the conformance model: no exception escapes, every
 * invalid message (NaN, infinite, negative, fractional and off-lot quantities, NaN / infinite /
 * non-positive / off-grid prices, unknown markets, duplicate ids, cancels of unknown, foreign and
 * finished orders) gets a coded rejection and changes nothing, the book is never crossed, and
 * quantity and cash are conserved. Determinism is not re-checked here (the conformance suite does).
 *
 * A failure throws a {@link VenueFuzzFailure} naming the seed; rerun with `FUZZ_SEED=<seed>` to
 * replay it (fast-check shrinks the failing stream first).
 *
 * @example
 * ```ts
 * import { venueFuzz, venueHarness } from '@venuelab/testing';
 * import mine from '../src/index.js';
 * venueFuzz('venue-mine', (seed) => venueHarness(mine, {}, { seed }), { poolIds: ['pool'] });
 * ```
 * @module
 */
import fc from 'fast-check';
import { it } from 'vitest';
import { CONFORMANCE_CHECKS, conformanceStreamArb, runConformanceStream, type ConformanceCommand, type MakeVenue, type VenueConformanceOptions } from './venue-conformance.js';

/** Options of the fuzzer: the conformance options (`snapshotDepth` defaults to 50 here) plus the step budget. */
export interface VenueFuzzOptions extends VenueConformanceOptions {
  /** Total steps (messages and clock advances) to run; default `FUZZ_STEPS` or 100,000. */
  steps?: number;
  /** Steps per stream (each stream starts a fresh venue); default 250. */
  streamLength?: number;
  /** fast-check seed; default `FUZZ_SEED` or a fixed seed, so CI runs are reproducible. */
  seed?: number;
}

/** What a fuzz run exercised. */
export interface VenueFuzzReport {
  /** The fast-check seed used. */
  seed: number;
  /** Streams run. */
  streams: number;
  /** Steps run (messages plus clock advances). */
  steps: number;
  /** Messages sent (limit, market and cancel, valid or not). */
  messages: number;
  /** Fills the venue pushed. */
  fills: number;
  /** Rejections by reason code. */
  rejections: Record<string, number>;
  /** Accepted messages by status. */
  statuses: Record<string, number>;
  /** Most orders live at once (`restingOrderCount()` at the end of a stream, maximum over streams). */
  maxResting: number;
}

/** Thrown when a fuzz run finds a broken rule; the message names the seed and the shrunk stream. */
export class VenueFuzzFailure extends Error {
  /** The fast-check seed of the run. */
  readonly seed: number;

  /**
   * @param name - the venue's name
   * @param seed - the fast-check seed
   * @param detail - fast-check's report (counterexample, cause)
   */
  constructor(name: string, seed: number, detail: string) {
    super(`venue fuzz of ${name} failed with seed ${seed} (replay: FUZZ_SEED=${seed})\n${detail}`);
    this.name = 'VenueFuzzFailure';
    this.seed = seed;
  }
}

/** The fixed default seed of fuzz runs. */
export const DEFAULT_FUZZ_SEED = 20_261_122;

function envInt(name: string): number | undefined {
  const raw = typeof process !== 'undefined' ? process.env[name] : undefined;
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** The step budget: `options.steps`, else `FUZZ_STEPS`, else 100,000. */
export function fuzzSteps(steps?: number): number {
  return steps ?? envInt('FUZZ_STEPS') ?? 100_000;
}

/** The seed: `options.seed`, else `FUZZ_SEED`, else {@link DEFAULT_FUZZ_SEED}. */
export function fuzzSeed(seed?: number): number {
  return seed ?? envInt('FUZZ_SEED') ?? DEFAULT_FUZZ_SEED;
}

/**
 * Runs the fuzzer and returns what it exercised; throws a {@link VenueFuzzFailure} at the first
 * broken rule.
 * @param name - the venue's name (for the failure message)
 * @param makeVenue - makes a fresh venue under a harness for a seed
 * @param options - conformance options plus the step budget
 */
export function runVenueFuzz(name: string, makeVenue: MakeVenue, options: VenueFuzzOptions = {}): VenueFuzzReport {
  const steps = fuzzSteps(options.steps);
  const streamLength = Math.max(1, Math.min(options.streamLength ?? 250, steps));
  const seed = fuzzSeed(options.seed);
  const streams = Math.max(1, Math.ceil(steps / streamLength));
  const report: VenueFuzzReport = { seed, streams: 0, steps: 0, messages: 0, fills: 0, rejections: {}, statuses: {}, maxResting: 0 };
  // Generated prices span 2 * priceLevels + 1 levels, so 50 levels cover every resting order; a
  // deeper read only adds synthesised pool levels, which are slow to build on every step.
  const conf: VenueConformanceOptions = { ...options, snapshotDepth: options.snapshotDepth ?? 50 };
  const checks = CONFORMANCE_CHECKS.filter((c) => c !== 'determinism');
  const arb = fc.tuple(fc.integer({ min: 1, max: 0x7fffffff }), conformanceStreamArb(makeVenue, conf, { minLength: streamLength, maxLength: streamLength }));
  // Statistics are only returned when every stream passed, so shrinking runs cannot skew them.
  const property = fc.property(arb, ([venueSeed, commands]: [number, ConformanceCommand[]]) => {
    const trace = runConformanceStream(makeVenue, venueSeed, commands, conf, checks);
    report.streams++;
    report.steps += commands.length;
    for (const s of trace.steps) {
      report.fills += s.fills.length;
      if (!s.result) continue;
      report.messages++;
      const r = s.result;
      if (r.status === 'rejected') report.rejections[r.reason ?? '?'] = (report.rejections[r.reason ?? '?'] ?? 0) + 1;
      else report.statuses[r.status] = (report.statuses[r.status] ?? 0) + 1;
    }
    report.maxResting = Math.max(report.maxResting, trace.resting);
  });
  const out = fc.check(property, { numRuns: streams, seed });
  if (out.failed) throw new VenueFuzzFailure(name, seed, fc.defaultReportMessage(out) ?? String(out.errorInstance));
  return report;
}

/**
 * Registers the fuzzer as one vitest test named after the venue; the test fails with the seed and
 * the shrunk stream when a rule breaks, or when fewer steps ran than asked for; `onReport` may assert more.
 * @param name - the venue's name in the test title
 * @param makeVenue - makes a fresh venue under a harness for a seed
 * @param options - conformance options plus the step budget
 * @param onReport - receives what the run exercised (e.g. to assert on it)
 */
export function venueFuzz(name: string, makeVenue: MakeVenue, options: VenueFuzzOptions = {}, onReport?: (report: VenueFuzzReport) => void): void {
  const steps = fuzzSteps(options.steps);
  it(`${name}: survives ${steps} fuzzed steps (seed ${fuzzSeed(options.seed)})`, () => {
    const report = runVenueFuzz(name, makeVenue, options);
    if (report.steps < steps) throw new Error(`ran ${report.steps} steps, fewer than the ${steps} asked for`);
    onReport?.(report);
  });
}

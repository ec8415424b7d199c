/**
 * Truth moves: the times at which a market's fair value has moved more than a threshold away from
 * its value at the previous move (or the path's start). Used by price-discovery lag and latency races.
 * @module
 */
import type { PathSet } from './paths.js';

/** The moves of one market's truth path. */
export interface TruthMoves {
  /** Tick of each move (the first sample beyond the threshold). */
  readonly times: Float64Array;
  /** Fair value (price ticks) just after each move. */
  readonly fair: Float64Array;
  /** Size of each move (fair after minus the anchor before, price ticks). */
  readonly size: Float64Array;
}

/**
 * Finds the moves of every truth path: walking the samples, a move happens at the first sample
 * whose fair value differs from the anchor by more than `threshold` price ticks; the anchor then
 * becomes that sample's value. The anchor starts at the first sample.
 */
export function truthMoves(truth: PathSet, threshold: number): TruthMoves[] {
  return truth.keys.map((_k, g) => movesOf(truth.times[g]!, truth.raw[g]!, threshold));
}

/**
 * The moves of one path (see {@link truthMoves}). A module function rather than a closure made per
 * call, so V8 keeps its optimised code from run to run.
 */
function movesOf(t: Float64Array, v: Float64Array, threshold: number): TruthMoves {
  const times: number[] = [];
  const fair: number[] = [];
  const size: number[] = [];
  if (v.length === 0) return { times: new Float64Array(0), fair: new Float64Array(0), size: new Float64Array(0) };
  // The anchor is carried as an index: a double carried in a loop variable is boxed on every
  // change when the loop runs as on-stack-replaced code.
  let anchor = 0;
  for (let i = 1; i < v.length; i++) {
    const d = v[i]! - v[anchor]!;
    if (Math.abs(d) > threshold) {
      times.push(t[i]!);
      fair.push(v[i]!);
      size.push(d);
      anchor = i;
    }
  }
  return { times: Float64Array.from(times), fair: Float64Array.from(fair), size: Float64Array.from(size) };
}

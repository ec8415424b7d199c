/** A benchmark figure: `run` returns the measured value (higher or lower is better per `better`). */
export interface Benchmark {
  /** Row name in the table, e.g. `scheduler push+pop`. */
  name: string;
  /** Unit, e.g. `events/s`. */
  unit: string;
  /** Target value, if any. */
  target?: number;
  /** Whether higher or lower values are better (default higher). */
  better?: 'higher' | 'lower';
  /** How many times to repeat (median is reported; default 5). */
  repeats?: number;
  /** Measures once and returns the value. */
  run(): number | Promise<number>;
}

/** A measured figure as written to bench/results.json. */
export interface BenchResult {
  name: string;
  /** Median of the repeats. */
  value: number;
  unit: string;
  target: number | null;
  /** Whether the median meets the target (null without one). */
  met: boolean | null;
  /** Smallest and largest value over the repeats (absent in files written before they were added). */
  min?: number;
  max?: number;
  /** Number of repeats. */
  repeats?: number;
  /** Repeats whose value meets the target (null without one). */
  metRepeats?: number | null;
}

/**
 * Rows that share one measurement per repeat: repeat k of every row reads measurement k, taken once
 * (the first time any row asks for it) with `measure`. Returns a function that makes such a row from
 * a name, a unit and the figure it reads off a measurement.
 */
export function sharedRows<M>(repeats: number, measure: () => M | Promise<M>) {
  const taken: Promise<M>[] = [];
  return (name: string, unit: string, figure: (m: M) => number, target?: number, better: 'higher' | 'lower' = 'higher'): Benchmark => {
    let k = 0;
    return {
      name,
      unit,
      target,
      better,
      repeats,
      run: async () => {
        const i = k++ % repeats;
        while (taken.length <= i) taken.push(Promise.resolve(measure()));
        return figure(await taken[i]!);
      },
    };
  };
}

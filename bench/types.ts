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
  value: number;
  unit: string;
  target: number | null;
  met: boolean | null;
}

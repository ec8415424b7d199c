/**
 * The V8 heap and garbage-collector settings venuelab runs with.
 *
 * A run allocates many short-lived objects (order messages, results, notifications) and V8's
 * young generation grows its two semi-spaces up to 16 MB each by default; every page it grows into
 * is fresh memory, and on a virtual machine a fresh page costs a page fault of about 10 us (measured
 * on the 2-vCPU benchmark machine: 15.7 MB of new typed arrays take 42 ms to touch, the same in
 * reused memory a fraction of that). Capping the semi-spaces at 8 MB halves the page faults of the
 * rmsc-lite trading day (10,000 -> 5,000 in its event loop) and cuts its loop time by about 15%,
 * with no change to the metrics pass over a million fills.
 *
 * The garbage collector runs on the thread that allocates (`--single-threaded-gc`): V8's parallel
 * scavenger and concurrent marker otherwise use helper threads that, for these runs, cost about a
 * fifth more CPU per run (pi-curve runs on one thread: 29.6-35.6 ms of CPU for 24.4-30.4 ms of wall
 * time with helpers, 24.2 ms of CPU for 23.1 ms without) and gain no wall time. In a sweep every
 * core already runs a worker, so that CPU is taken from the other worker: in paired runs of a
 * 144-run pi-curve sweep the steady rate rose from 44.8 to 49.5 runs/s on 2 workers and from 32.3
 * to 34.6 runs/s on 1 worker (medians of 4), and the rmsc-lite day's loop time did not change
 * (paired median difference -2 ms of ~300 ms over 10 pairs). Nothing a run computes depends on
 * either flag.
 *
 * The command line (`venuelab`, the workspace's `pnpm` scripts) starts Node with {@link NODE_FLAGS};
 * sweep worker threads get {@link WORKER_RESOURCE_LIMITS}. A program that calls the library
 * directly can pass the same flags to `node`.
 * @module
 */

/** Largest size of each of V8's two young-generation semi-spaces, in MB. */
export const SEMI_SPACE_MB = 8;

/** Node command-line flags for a process that runs simulations. */
export const NODE_FLAGS: readonly string[] = [`--max-semi-space-size=${SEMI_SPACE_MB}`, '--single-threaded-gc'];

/**
 * `resourceLimits` for a worker thread that runs simulations: the same cap (a worker's young
 * generation is its two semi-spaces plus a new large-object space of the same size).
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB } as const;

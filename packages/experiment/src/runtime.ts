/**
 * The V8 heap settings venuelab runs with.
 *
 * A run allocates many short-lived objects (order messages, results, notifications) and V8's
 * young generation grows its two semi-spaces up to 16 MB each by default; every page it grows into
 * is fresh memory, and on a virtual machine a fresh page costs a page fault of about 10 us (measured
 * on the 2-vCPU benchmark machine: 15.7 MB of new typed arrays take 42 ms to touch, the same in
 * reused memory a fraction of that). Capping the semi-spaces at 8 MB halves the page faults of the
 * rmsc-lite trading day (10,000 -> 5,000 in its event loop) and cuts its loop time by about 15%,
 * with no change to the metrics pass over a million fills. Nothing a run computes depends on it.
 *
 * The command line (`venuelab`, the workspace's `pnpm` scripts) starts Node with {@link NODE_FLAGS};
 * sweep worker threads get {@link WORKER_RESOURCE_LIMITS}. A program that calls the library
 * directly can pass the same flag to `node` (or in `NODE_OPTIONS`).
 * @module
 */

/** Largest size of each of V8's two young-generation semi-spaces, in MB. */
export const SEMI_SPACE_MB = 8;

/** Node command-line flags for a process that runs simulations. */
export const NODE_FLAGS: readonly string[] = [`--max-semi-space-size=${SEMI_SPACE_MB}`];

/**
 * `resourceLimits` for a worker thread that runs simulations: the same cap (a worker's young
 * generation is its two semi-spaces plus a new large-object space of the same size).
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB } as const;

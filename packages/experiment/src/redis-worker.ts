/**
 * The worker side of distributed sweeps (`venuelab worker`): serves every active venuelab sweep
 * queue listed in Redis (see `redis-executor.ts` for the layout), runs each job on a pool of worker
 * threads (the same runner as local sweeps) and returns its metric rows.
 *
 * Before a job runs, the worker validates its payload, checks that the cell's config hashes to
 * the identity it was sent with, that its folder lies inside this worker's project checkout, and
 * that every package the cell loads here has the version in the sweep's manifest. A job that fails
 * any check is refused (failed without retry, with a `VL_ERR_...` reason the coordinator reports);
 * the worker carries on with the next job.
 * @module
 */
import { existsSync, realpathSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { Piscina } from 'piscina';
import { RunWatchdog } from './watchdog.js';
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { hashOf } from './files.js';
import { findProjectRoot, loadExperimentFromObject } from './load.js';
import { packageVersions } from './run-experiment.js';
import type { SweepTask, SweepTaskResult } from './sweep-worker.js';
import {
  connectRedis,
  encodeTaskResult,
  redactRedisUrl,
  RedisErrorCode,
  RedisKeys,
  redisConnectionOptions,
  SweepJobPayloadSchema,
  sweepQueueName,
  taskHashOf,
  type RedisConnectionSettings,
} from './redis-executor.js';

/** Options of {@link startRedisWorker}. */
export interface RedisWorkerOptions extends RedisConnectionSettings {
  /** Jobs at once, each on its own worker thread (default: one per core). */
  concurrency?: number;
  /** Worker name shown to coordinators (default `<hostname>-<pid>`). */
  name?: string;
  /** Lock duration of a job in ms: a job of a killed worker is retried after about twice this (default 30000). */
  lockMs?: number;
  /** How often to look for new sweeps, in ms (default 1000). */
  pollMs?: number;
  /** The project checkout jobs' folders resolve in (default: the project around the working directory). */
  projectRoot?: string;
  /**
   * Test hook: versions this worker reports for packages it loads, instead of the installed ones
   * (the CLI reads it from `VENUELAB_TEST_REPORTED_VERSIONS`, a JSON object of package -> version).
   */
  reportedVersions?: Record<string, string>;
  /** Log lines (default: none). */
  log?: (line: string) => void;
}

/** A running worker. */
export interface RedisWorkerHandle {
  /** Worker name. */
  readonly name: string;
  /** Project checkout jobs resolve in. */
  readonly projectRoot: string;
  /** Threads (jobs at once). */
  readonly concurrency: number;
  /** Sweep queues being served now. */
  queues(): string[];
  /** Stops taking jobs, waits for running ones, and disconnects. */
  close(): Promise<void>;
}

/** What a job is checked against. */
export interface JobCheckContext {
  /** Worker name (for messages). */
  name: string;
  /** The worker's project root. */
  projectRoot: string;
  /** Test hook, see {@link RedisWorkerOptions.reportedVersions}. */
  reportedVersions?: Record<string, string>;
  /** Cache of version checks by cell (filled by {@link prepareJob}). */
  cache?: Map<string, string | null>;
}

const refuse = (code: string, message: string) => new UnrecoverableError(`${code}: ${message}`);

function insideDir(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || !(rel.startsWith('..') || isAbsolute(rel));
}

/**
 * Validates a job payload and checks it against this worker; returns the task to run (with its
 * folder resolved in this worker's checkout) or throws an `UnrecoverableError` whose message starts
 * with a `VL_ERR_...` code.
 */
export async function prepareJob(data: unknown, queueName: string, ctx: JobCheckContext): Promise<SweepTask> {
  const parsed = SweepJobPayloadSchema.safeParse(data);
  if (!parsed.success) {
    const why = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)
      .join('; ');
    throw refuse(RedisErrorCode.Payload, `malformed job payload (${why.slice(0, 800)})`);
  }
  const { identity, task, taskHash } = parsed.data;
  if (sweepQueueName(task.sweepId) !== queueName) throw refuse(RedisErrorCode.Payload, `job of sweep ${task.sweepId} found in queue ${queueName}`);
  if (taskHashOf(identity, task) !== taskHash) {
    throw refuse(RedisErrorCode.ConfigMismatch, `the config of cell ${task.cell} seed ${task.seed} does not match the sweep's config hash ${identity.configHash} (payload altered or corrupted)`);
  }
  const root = realpathSync(ctx.projectRoot);
  const dir = resolve(root, task.baseDir);
  if (!insideDir(root, dir)) throw refuse(RedisErrorCode.Payload, `config folder ${task.baseDir} is outside this worker's project ${root}`);
  if (!existsSync(dir)) {
    throw refuse(RedisErrorCode.Payload, `config folder ${task.baseDir} does not exist in this worker's project ${root}: run workers from a checkout of the same project`);
  }
  if (!insideDir(root, realpathSync(dir))) throw refuse(RedisErrorCode.Payload, `config folder ${task.baseDir} leads outside this worker's project ${root}`);

  const key = hashOf({ identity, config: task.config, dir });
  let problem = ctx.cache?.get(key);
  if (problem === undefined) {
    problem = await versionProblem(task, dir, identity.packages, ctx);
    ctx.cache?.set(key, problem);
  }
  if (problem) throw new UnrecoverableError(problem);
  return { ...task, baseDir: dir };
}

async function versionProblem(task: SweepTask, dir: string, manifest: Record<string, string>, ctx: JobCheckContext): Promise<string | null> {
  let mine: Record<string, string>;
  try {
    mine = packageVersions(await loadExperimentFromObject(task.config, dir));
  } catch (e) {
    const msg = ((e as Error)?.message ?? String(e)).split('\n').slice(0, 5).join('; ');
    return `${RedisErrorCode.WorkerSetup}: worker ${ctx.name} cannot load cell ${task.cell}: ${msg}`;
  }
  const diffs: string[] = [];
  for (const [pkg, installed] of Object.entries(mine)) {
    const v = ctx.reportedVersions?.[pkg] ?? installed;
    const want = manifest[pkg];
    if (want !== v) diffs.push(`${pkg} ${v} here, ${want ?? 'absent'} in the sweep's manifest`);
  }
  if (diffs.length === 0) return null;
  return `${RedisErrorCode.VersionMismatch}: worker ${ctx.name} refuses cell ${task.cell}: ${diffs.join('; ')}; install the manifest's versions on this worker (job not retried)`;
}

/** Starts a worker serving every active venuelab sweep on the Redis server. */
export async function startRedisWorker(options: RedisWorkerOptions): Promise<RedisWorkerHandle> {
  const redisOpts = redisConnectionOptions(options);
  const connection = redisOpts as ConnectionOptions;
  const projectRoot = options.projectRoot ?? findProjectRoot(process.cwd());
  if (!projectRoot) throw new Error('venuelab worker must run inside a venuelab project checkout (a folder with pnpm-workspace.yaml above it)');
  const name = (options.name ?? `${hostname()}-${process.pid}`).replace(/[^\w.@-]/g, '_');
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  const lockMs = options.lockMs ?? 30_000;
  const log = options.log ?? (() => undefined);
  const client: Redis = await connectRedis(redisOpts, options.url);
  const pool = new Piscina({ filename: new URL('./sweep-worker-entry.mjs', import.meta.url).href, minThreads: concurrency, maxThreads: concurrency, idleTimeout: 60_000 });
  const watchdog = new RunWatchdog();
  const check: JobCheckContext = { name, projectRoot, reportedVersions: options.reportedVersions, cache: new Map() };
  const workers = new Map<string, Worker>();
  let closing = false;

  const processor = async (job: Job): Promise<unknown> => {
    let task: SweepTask;
    try {
      task = await prepareJob(job.data, job.queueName, check);
    } catch (e) {
      if (e instanceof UnrecoverableError) throw e;
      throw refuse(RedisErrorCode.Payload, `cannot check job: ${(e as Error)?.message ?? String(e)}`);
    }
    let r: SweepTaskResult;
    try {
      // The watchdog turns a run stuck inside one event into a failed result (and a fresh thread).
      r = await watchdog.run(task, (t, signal) => pool.run(t, { signal }) as Promise<SweepTaskResult>);
    } catch (e) {
      throw new Error(`${RedisErrorCode.Worker}: worker thread of ${name} failed on cell ${task.cell} seed ${task.seed}: ${(e as Error)?.message ?? String(e)}`);
    }
    log(`ran ${task.sweepId} ${task.cell} seed ${task.seed}: ${r.status}`);
    return encodeTaskResult(r);
  };

  const serve = (queue: string) => {
    const w = new Worker(queue, processor, {
      connection,
      prefix: RedisKeys.queuePrefix,
      concurrency,
      name,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: 2,
    });
    w.on('error', (e) => log(`error on queue ${queue}: ${e.message}`));
    w.on('active', (job) => log(`start ${queue} ${job.id}`));
    w.on('failed', (job, e) => log(`failed ${queue} ${job?.id ?? '?'}: ${e.message}`));
    workers.set(queue, w);
    log(`serving sweep queue ${queue}`);
  };

  let polling = false;
  const poll = async () => {
    if (polling || closing) return;
    polling = true;
    try {
      const active = new Set((await client.smembers(RedisKeys.registry)).filter((q) => q.length > 0 && q.length <= 600 && !q.includes(':')));
      for (const q of active) if (!workers.has(q)) serve(q);
      for (const [q, w] of workers) {
        if (active.has(q)) continue;
        workers.delete(q);
        log(`sweep queue ${q} finished`);
        void w.close().catch(() => undefined);
      }
    } catch (e) {
      log(`cannot read the sweep registry: ${(e as Error).message}`);
    } finally {
      polling = false;
    }
  };
  await poll();
  const timer = setInterval(() => void poll(), options.pollMs ?? 1000);
  log(`worker ${name}: serving venuelab sweeps on ${redactRedisUrl(options.url)} with ${concurrency} thread${concurrency === 1 ? '' : 's'} (project ${projectRoot})`);

  return {
    name,
    projectRoot,
    concurrency,
    queues: () => [...workers.keys()],
    close: async () => {
      closing = true;
      clearInterval(timer);
      await Promise.all([...workers.values()].map((w) => w.close().catch(() => undefined)));
      workers.clear();
      await pool.destroy();
      await client.quit().catch(() => undefined);
    },
  };
}

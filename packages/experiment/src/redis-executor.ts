/**
 * The distributed sweep executor: one BullMQ job per (cell, seed) on Redis, run by `venuelab worker`
 * processes on any machine with the same plugins installed (see `redis-worker.ts`).
 *
 * Layout in Redis (all keys start with `venuelab:`):
 * - `venuelab:sweeps`: a set of the queue names of active sweeps; workers poll it and serve every
 *   queue in it.
 * - `venuelab:q:<queue>:*`: the BullMQ queue of one sweep (`<queue>` is the sweep id with `%` and `:`
 *   escaped); job ids are `<cell>|<seed>` (escaped the same way), so duplicates collapse.
 * - `venuelab:lease:<queue>`: held by the coordinator of the sweep while it runs (one coordinator
 *   per sweep at a time).
 *
 * Results are stored by the sweep (keyed by sweep id, cell and seed), so retries and duplicates
 * never double-count; a job that exhausts its retries, or that a worker refuses, becomes a failed
 * run carrying its error.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { relative, isAbsolute, sep } from 'node:path';
import { Job, Queue, QueueEvents, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { ErrorCode, VenuelabError, z } from '@venuelab/kernel';
import { hashOf } from './files.js';
import { findProjectRoot } from './load.js';
import type { Executor, ExecutorContext } from './executor.js';
import type { SweepTask, SweepTaskResult } from './sweep-worker.js';

/** Redis key names shared by coordinators and workers. */
export const RedisKeys = {
  /** BullMQ key prefix of sweep queues. */
  queuePrefix: 'venuelab:q',
  /** Set of the queue names of active sweeps. */
  registry: 'venuelab:sweeps',
  /** Coordinator lease of a sweep queue. */
  lease: (queue: string) => `venuelab:lease:${queue}`,
} as const;

/** Error codes of distributed sweeps (carried at the start of a failed job's reason). */
export const RedisErrorCode = {
  /** A worker's plugin or kernel version differs from the sweep's manifest. */
  VersionMismatch: 'VL_ERR_VERSION_MISMATCH',
  /** A job's config does not hash to the identity it was sent with. */
  ConfigMismatch: 'VL_ERR_CONFIG_MISMATCH',
  /** A job's payload is malformed or not allowed (e.g. a folder outside the worker's project). */
  Payload: 'VL_ERR_PAYLOAD',
  /** A worker could not load the job's plugins. */
  WorkerSetup: 'VL_ERR_WORKER_SETUP',
  /** A job failed for another reason (worker crash, lost lock) after all its attempts. */
  Worker: 'VL_ERR_WORKER',
} as const;

/** How to reach Redis. */
export interface RedisConnectionSettings {
  /** `redis://[user[:password]@]host[:port][/db]`, or `rediss://...` for TLS. */
  url: string;
  /** Password (overrides the URL's; default: the URL's, else the environment's `VENUELAB_REDIS_PASSWORD`). */
  password?: string;
  /** PEM file of the certificate authority for `rediss://` (default: the environment's `VENUELAB_REDIS_CA`, else the system's CAs). */
  caFile?: string;
}

/** Connection options for ioredis/BullMQ from settings (`maxRetriesPerRequest: null`, as BullMQ requires). */
export function redisConnectionOptions(s: RedisConnectionSettings): RedisOptions {
  let u: URL;
  try {
    u = new URL(s.url);
  } catch {
    throw new VenuelabError(ErrorCode.Config, `not a Redis URL: "${redactRedisUrl(s.url)}" (expected redis://host:port[/db] or rediss://host:port[/db])`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new VenuelabError(ErrorCode.Config, `unsupported Redis URL scheme "${u.protocol}" (expected redis:// or rediss://)`);
  }
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new VenuelabError(ErrorCode.Config, `Redis URL ${redactRedisUrl(s.url)} has no host`);
  const port = u.port ? Number(u.port) : 6379;
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,5}$/.test(dbText)) throw new VenuelabError(ErrorCode.Config, `Redis URL ${redactRedisUrl(s.url)}: database must be a number, got "${dbText}"`);
  const opts: RedisOptions = { host, port, db: dbText === '' ? 0 : Number(dbText), maxRetriesPerRequest: null };
  if (u.username) opts.username = decodeURIComponent(u.username);
  const password = s.password ?? (u.password ? decodeURIComponent(u.password) : undefined) ?? (process.env.VENUELAB_REDIS_PASSWORD || undefined);
  if (password !== undefined) opts.password = password;
  if (u.protocol === 'rediss:') {
    const caFile = s.caFile ?? (process.env.VENUELAB_REDIS_CA || undefined);
    let ca: string | undefined;
    if (caFile) {
      try {
        ca = readFileSync(caFile, 'utf8');
      } catch (e) {
        throw new VenuelabError(ErrorCode.Io, `cannot read the Redis CA file ${caFile}: ${(e as Error).message}`);
      }
    }
    opts.tls = { ...(isIP(host) ? {} : { servername: host }), ...(ca ? { ca } : {}) };
  }
  return opts;
}

/** A Redis URL with any password replaced by `***` (for messages). */
export function redactRedisUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

/** Opens an ioredis client and checks the server answers within `timeoutMs`. */
export async function connectRedis(opts: RedisOptions, url: string, timeoutMs = 10_000): Promise<Redis> {
  const client = new Redis({ ...opts, lazyConnect: true });
  let lastError = '';
  client.on('error', (e: Error) => (lastError = e.message)); // reported through the failed ping below or by later commands
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs))),
    ]);
    return client;
  } catch (e) {
    client.disconnect();
    const why = lastError && !(e as Error).message.includes(lastError) ? `${lastError} (${(e as Error).message})` : (e as Error).message;
    throw new VenuelabError(ErrorCode.Io, `cannot reach Redis at ${redactRedisUrl(url)}: ${why}`);
  } finally {
    clearTimeout(timer);
  }
}

const escapeName = (s: string) => s.replace(/%/g, '%25').replace(/:/g, '%3A');

/** The BullMQ queue name of a sweep: its id, with `%` and `:` escaped (BullMQ names cannot hold `:`). */
export function sweepQueueName(sweepId: string): string {
  return escapeName(sweepId);
}

/** The BullMQ job id of a run: `<cell>|<seed>`, escaped like {@link sweepQueueName}. */
export function sweepJobId(cell: string, seed: number): string {
  return escapeName(`${cell}|${seed}`);
}

/** The sweep identity workers must match. */
export interface SweepIdentity {
  /** Hash of the sweep's config (the manifest's `configHash`). */
  configHash: string;
  /** Package versions (kernel and every plugin) of the sweep. */
  packages: Record<string, string>;
}

/** The payload of one job. */
export interface SweepJobPayload {
  /** Payload format. */
  format: 1;
  /** The sweep identity (from the manifest). */
  identity: SweepIdentity;
  /** The run; `baseDir` is relative to the project root (POSIX separators). */
  task: SweepTask;
  /** {@link taskHashOf} of identity and task: binds the cell's config to the sweep's config hash. */
  taskHash: string;
}

const name = z.string().min(1).max(500);
/** Schema of a job payload (workers validate every job against it before doing anything). */
export const SweepJobPayloadSchema = z.strictObject({
  format: z.literal(1).describe('payload format version'),
  identity: z
    .strictObject({
      configHash: z.string().regex(/^[0-9a-f]{16}$/).describe('the manifest config hash'),
      packages: z.record(z.string().max(214), z.string().max(100)).describe('package name -> version'),
    })
    .describe('sweep identity'),
  task: z
    .strictObject({
      sweepId: name.describe('sweep id'),
      cell: name.describe('cell id'),
      seed: z.number().int().safe().describe('seed'),
      config: z.record(z.string(), z.unknown()).describe("the cell's raw config"),
      baseDir: z
        .string()
        .max(1000)
        .refine((p) => !p.includes('\\') && !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\u0000'), 'a relative path inside the project without ".."')
        .describe('config folder relative to the project root'),
      scopes: z.array(z.enum(['all', 'role', 'agent', 'venue', 'market'])).max(5).optional().describe('metric scopes to return'),
    })
    .describe('the run'),
  taskHash: z.string().regex(/^[0-9a-f]{16}$/).describe('hash of identity and task'),
});

/** The hash binding a task (every field: sweep, cell, seed, cell config, folder, ...) to a sweep identity. */
export function taskHashOf(identity: SweepIdentity, task: SweepTask): string {
  return hashOf({ configHash: identity.configHash, task });
}

/** Builds a job payload; `projectRoot` is the coordinator's project folder `task.baseDir` lies in. */
export function sweepJobPayload(task: SweepTask, identity: SweepIdentity, projectRoot: string): SweepJobPayload {
  const rel = relative(projectRoot, task.baseDir);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new VenuelabError(ErrorCode.Config, `the sweep's config folder ${task.baseDir} is outside the project ${projectRoot}; distributed sweeps need the config inside the project checkout`);
  }
  const t: SweepTask = { ...task, baseDir: rel.split(sep).join('/') };
  return { format: 1, identity, task: t, taskHash: taskHashOf(identity, t) };
}

/** Turns a task result into JSON-safe data (non-finite numbers and -0 survive the trip). */
export function encodeTaskResult(r: SweepTaskResult): unknown {
  return JSON.parse(
    JSON.stringify(r, (_k, v: unknown) => {
      if (typeof v !== 'number') return v;
      if (Number.isNaN(v)) return { $n: 'NaN' };
      if (v === Infinity) return { $n: 'Infinity' };
      if (v === -Infinity) return { $n: '-Infinity' };
      if (Object.is(v, -0)) return { $n: '-0' };
      return v;
    }),
  );
}

const special: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

const TaskResultSchema = z.strictObject({
  cell: z.string(),
  seed: z.number().int(),
  status: z.enum(['ok', 'failed']),
  error: z.string().max(20_000).optional(),
  code: z.string().max(100).optional(),
  rows: z.array(
    z.strictObject({
      metric: z.string().max(500),
      scope: z.enum(['all', 'role', 'agent', 'venue', 'market']),
      key: z.string().max(500),
      horizon: z.number().int().nullable(),
      value: z.number(),
    }),
  ),
  stats: z.strictObject({ events: z.number(), fills: z.number(), messages: z.number(), wallMs: z.number() }).optional(),
});

/** Decodes and validates a result returned by a worker; throws on anything malformed. */
export function decodeTaskResult(data: unknown): SweepTaskResult {
  const revived = JSON.parse(JSON.stringify(data ?? null), (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const n = (v as { $n?: unknown }).$n;
      if (keys.length === 1 && typeof n === 'string' && n in special) return special[n];
    }
    return v;
  });
  const parsed = TaskResultSchema.safeParse(revived);
  if (!parsed.success) throw new Error(`malformed result: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data as SweepTaskResult;
}

/** The error code at the start of a failure reason (`VL_ERR_...: message`), else {@link RedisErrorCode.Worker}. */
export function codeOfReason(reason: string): string {
  return /^(VL_ERR_[A-Z_]+)\b/.exec(reason)?.[1] ?? RedisErrorCode.Worker;
}

/** What the coordinator knows about workers. */
export interface WorkersInfo {
  /** Distinct workers seen serving this sweep since it started. */
  seen: number;
  /** Workers connected to the sweep's queue now. */
  alive: number;
}

/** Options of {@link redisExecutor}. */
export interface RedisExecutorOptions extends RedisConnectionSettings {
  /** Attempts per job before it is recorded as failed (default 3). */
  attempts?: number;
  /** First retry delay in ms; doubles with each attempt (default 1000). */
  backoffMs?: number;
  /** How often to poll for finished jobs and workers, in ms (default 1000). */
  pollMs?: number;
  /** Called when the workers seen or connected change. */
  onWorkers?: (info: WorkersInfo) => void;
  /** Called with notable events worth a line on the console (a refused job, no workers yet). */
  onNotice?: (message: string) => void;
}

/**
 * An executor that sends each run to `venuelab worker` processes through a BullMQ queue on Redis,
 * waits for every job and reports each result once (a job that exhausts its retries, or that a
 * worker refuses, is a failed result with its error). The sweep's config file must lie inside the
 * project checkout: workers resolve its folder relative to their own checkout.
 */
export function redisExecutor(options: RedisExecutorOptions): Executor {
  return (tasks, onResult, ctx) => runOnRedis(options, tasks, onResult, ctx);
}

async function runOnRedis(options: RedisExecutorOptions, tasks: SweepTask[], onResult: (r: SweepTaskResult) => Promise<void>, ctx: ExecutorContext): Promise<void> {
  const redisOpts = redisConnectionOptions(options);
  const connection = redisOpts as ConnectionOptions;
  const notice = options.onNotice ?? (() => undefined);
  const queueName = sweepQueueName(ctx.sweepId);
  const byId = new Map<string, { task: SweepTask; payload: SweepJobPayload }>();
  for (const t of tasks) {
    const root = findProjectRoot(t.baseDir);
    if (!root) throw new VenuelabError(ErrorCode.Config, `the sweep's config folder ${t.baseDir} is not inside a venuelab project (no pnpm-workspace.yaml above it); distributed sweeps need the config inside the project checkout`);
    byId.set(sweepJobId(t.cell, t.seed), { task: t, payload: sweepJobPayload(t, ctx.identity, root) });
  }

  const client = await connectRedis(redisOpts, options.url);
  const leaseKey = RedisKeys.lease(queueName);
  const token = `${hostname()}:${process.pid}:${randomUUID()}`;
  const leaseMs = 15_000;
  if ((await client.set(leaseKey, token, 'PX', leaseMs, 'NX')) !== 'OK') {
    const holder = await client.get(leaseKey);
    const ttl = await client.pttl(leaseKey);
    await client.quit();
    throw new VenuelabError(ErrorCode.Io, `sweep ${ctx.sweepId} is being coordinated by another process (${holder?.split(':').slice(0, 2).join(' pid ')}); wait for it to finish${ttl > 0 ? `, or ${Math.ceil(ttl / 1000)} s if it was killed` : ''}`);
  }
  const renew = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
  const release = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

  const queue = new Queue(queueName, { connection, prefix: RedisKeys.queuePrefix });
  const events = new QueueEvents(queueName, { connection, prefix: RedisKeys.queuePrefix });
  queue.on('error', () => undefined);
  events.on('error', () => undefined);
  const timers: NodeJS.Timeout[] = [];
  let succeeded = false;
  let stopped = false;
  let inFlightPoll: Promise<void> = Promise.resolve();
  try {
    await events.waitUntilReady();
    const outstanding = new Set(byId.keys());
    const started = new Set<string>();
    const handling = new Set<string>();
    let fail: (e: unknown) => void = () => undefined;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const seen = new Set<string>();
    let alive = 0;
    const sawWorkers = (names: Iterable<string>, now?: number) => {
      const before = seen.size;
      for (const n of names) if (n) seen.add(n);
      if (seen.size !== before || (now !== undefined && now !== alive)) {
        if (now !== undefined) alive = now;
        options.onWorkers?.({ seen: seen.size, alive });
      }
    };
    const markStarted = (id: string) => {
      if (!outstanding.has(id) || started.has(id)) return;
      started.add(id);
      ctx.onStart?.(byId.get(id)!.task);
    };
    const handle = async (id: string, known?: Job): Promise<void> => {
      if (!outstanding.has(id) || handling.has(id)) return;
      handling.add(id);
      try {
        const job = known ?? (await Job.fromId(queue, id));
        if (!job) return;
        const state = await job.getState();
        if (state !== 'completed' && state !== 'failed') return;
        const { task } = byId.get(id)!;
        if (job.processedBy) sawWorkers([job.processedBy]);
        let result: SweepTaskResult;
        if (state === 'completed') {
          try {
            result = decodeTaskResult(job.returnvalue);
            if (result.cell !== task.cell || result.seed !== task.seed) throw new Error(`result is for cell ${result.cell} seed ${result.seed}`);
          } catch (e) {
            result = { cell: task.cell, seed: task.seed, status: 'failed', error: `${RedisErrorCode.Worker}: worker ${job.processedBy ?? '?'} returned a bad result: ${(e as Error).message}`, code: RedisErrorCode.Worker, rows: [] };
          }
        } else {
          const reason = job.failedReason || 'unknown error';
          const code = codeOfReason(reason);
          const error = reason.startsWith('VL_ERR_') ? reason : `${code}: ${reason} (after ${job.attemptsMade} attempt${job.attemptsMade === 1 ? '' : 's'})`;
          result = { cell: task.cell, seed: task.seed, status: 'failed', error, code, rows: [] };
          if (code !== RedisErrorCode.Worker) notice(`refused: cell ${task.cell} seed ${task.seed}: ${reason}`);
        }
        outstanding.delete(id);
        markStarted(id);
        await onResult(result);
        await job.remove().catch(() => undefined);
        if (outstanding.size === 0) finish();
      } catch (e) {
        fail(e);
      } finally {
        handling.delete(id);
      }
    };

    events.on('active', ({ jobId }) => markStarted(jobId));
    events.on('completed', ({ jobId }) => void handle(jobId));
    events.on('failed', ({ jobId }) => void handle(jobId));

    // Earlier jobs of this sweep (a coordinator that died): keep finished results of the same
    // identity, requeue failed ones and ones from other package versions.
    for (const job of await queue.getJobs(['completed', 'failed', 'waiting', 'delayed', 'prioritized'])) {
      if (!job?.id || !outstanding.has(job.id)) continue;
      const state = await job.getState();
      const same = hashOf((job.data as SweepJobPayload | undefined)?.identity ?? null) === hashOf(ctx.identity);
      if (state === 'failed' || !same) await job.remove().catch(() => undefined);
    }
    await client.sadd(RedisKeys.registry, queueName);
    const jobOpts: JobsOptions = { attempts: options.attempts ?? 3, backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 }, removeOnComplete: false, removeOnFail: false };
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      await queue.addBulk(ids.slice(i, i + 500).map((id) => ({ name: 'run', data: byId.get(id)!.payload, opts: { ...jobOpts, jobId: id } })));
    }
    if (outstanding.size === 0) finish();

    const pollMs = options.pollMs ?? 1000;
    let polls = 0;
    let warned = false;
    let polling = false;
    const poll = async () => {
      if (polling || stopped) return;
      polling = true;
      try {
        await client.eval(renew, 1, leaseKey, token, String(leaseMs));
        await client.sadd(RedisKeys.registry, queueName);
        for (const job of await queue.getJobs(['completed', 'failed'], 0, 999)) if (job?.id) await handle(job.id, job);
        const clients = await queue.getWorkers();
        const names = new Set(clients.map((c) => String(c.rawname ?? c.name ?? '')).map((n) => (n.includes(':w:') ? n.slice(n.indexOf(':w:') + 3) : n)));
        sawWorkers(names, names.size);
        polls++;
        if (!warned && seen.size === 0 && polls * pollMs >= 10_000) {
          warned = true;
          notice(`no worker has connected to sweep queue ${queueName} yet: start \`venuelab worker --redis ${redactRedisUrl(options.url)}\` on the machines that should run it`);
        }
      } catch (e) {
        fail(e);
      } finally {
        polling = false;
      }
    };
    const tick = () => {
      if (!polling && !stopped) inFlightPoll = poll();
    };
    timers.push(setInterval(tick, pollMs));
    tick();
    await finished;
    succeeded = true;
  } finally {
    stopped = true;
    for (const t of timers) clearInterval(t);
    await inFlightPoll;
    if (succeeded) {
      await client.srem(RedisKeys.registry, queueName).catch(() => undefined);
      await queue.obliterate({ force: true }).catch(() => undefined);
    }
    await events.close().catch(() => undefined);
    await queue.close().catch(() => undefined);
    await client.eval(release, 1, leaseKey, token).catch(() => undefined);
    await client.quit().catch(() => undefined);
  }
}

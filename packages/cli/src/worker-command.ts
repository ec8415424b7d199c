/**
 * `venuelab worker --redis redis://host:port[/db]`: serves distributed sweeps (see
 * docs/guides/distributed.md). Runs until interrupted (SIGINT or SIGTERM), then finishes its
 * running jobs and disconnects.
 * @module
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { Io } from './commands.js';

function positiveInt(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} expects a positive integer`);
    return n;
  };
}

/** Reads the test hook `VENUELAB_TEST_REPORTED_VERSIONS` (a JSON object of package -> version the worker reports instead of the installed ones). */
export function reportedVersionsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> | undefined {
  const raw = env.VENUELAB_TEST_REPORTED_VERSIONS;
  if (!raw) return undefined;
  const v = JSON.parse(raw) as unknown;
  if (!v || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw new Error('VENUELAB_TEST_REPORTED_VERSIONS must be a JSON object of package name -> version');
  }
  return v as Record<string, string>;
}

/** Registers the `worker` command. */
export function registerWorker(program: Command, io: Io): void {
  program
    .command('worker')
    .description('run jobs of distributed sweeps from Redis on this machine (run it from the project checkout the sweeps use)')
    .requiredOption('--redis <url>', 'redis://[user[:password]@]host:port[/db], or rediss://... for TLS')
    .option('--concurrency <n>', 'jobs at once, one worker thread each (default: one per core)', positiveInt('--concurrency'))
    .option('--redis-password <password>', 'Redis password (default: the URL\'s, else $VENUELAB_REDIS_PASSWORD)')
    .option('--redis-ca <file>', 'PEM certificate authority for rediss:// (default: $VENUELAB_REDIS_CA, else the system CAs)')
    .option('--name <name>', 'worker name shown to coordinators (default: <hostname>-<pid>)')
    .option('--lock-ms <ms>', 'job lock in ms; a job of a killed worker is retried after about twice this', positiveInt('--lock-ms'), 30_000)
    .action(async (opts: { redis: string; concurrency?: number; redisPassword?: string; redisCa?: string; name?: string; lockMs: number }) => {
      const { startRedisWorker } = await import('@venuelab/experiment/redis-worker');
      const worker = await startRedisWorker({
        url: opts.redis,
        password: opts.redisPassword,
        caFile: opts.redisCa,
        concurrency: opts.concurrency,
        name: opts.name,
        lockMs: opts.lockMs,
        reportedVersions: reportedVersionsFromEnv(),
        log: (line) => io.err(line),
      });
      io.out(`worker ${worker.name} ready: ${worker.concurrency} thread${worker.concurrency === 1 ? '' : 's'}, project ${worker.projectRoot}`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      io.err(`worker ${worker.name}: stopping (finishing running jobs)`);
      await worker.close();
    });
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runSweep, type SweepTask } from '../src/index.js';
import {
  decodeTaskResult,
  encodeTaskResult,
  redactRedisUrl,
  redisConnectionOptions,
  redisExecutor,
  RedisKeys,
  sweepJobId,
  sweepJobPayload,
  sweepQueueName,
  taskHashOf,
  type WorkersInfo,
} from '../src/redis-executor.js';
import { prepareJob } from '../src/redis-worker.js';

const root = join(import.meta.dirname, '../../..');
const cli = join(root, 'packages/cli/bin/venuelab.js');
const REDIS = '/usr/bin/redis-server';
const haveRedis = existsSync(REDIS);
if (!haveRedis && process.env.CI) throw new Error(`${REDIS} is missing: .ci/run installs redis-server`);
// TLS is tested when openssl can make a certificate (.ci/run installs it); otherwise that case runs over plain TCP.
const haveOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!haveOpenssl && process.env.CI) throw new Error('openssl is missing: .ci/run installs it');

// Configs live inside the project checkout (workers resolve a sweep's folder in their own checkout).
mkdirSync(join(root, 'tmp'), { recursive: true });
const work = mkdtempSync(join(root, 'tmp', 'redis-test-'));
const out = () => mkdtempSync(join(tmpdir(), 'venuelab-redis-out-'));

/** The quickstart, shortened: two cells, `seeds` seeds, two metrics (as in sweep.test.ts). */
function sweepConfig(seeds: number): string {
  const c = parse(readFileSync(join(root, 'examples/quickstart/experiment.yaml'), 'utf8'));
  c.duration = 1500;
  c.agents[0].count = 12;
  c.metrics = [
    { id: 'pnl', plugin: '@venuelab/plugin-metric-pnl' },
    { id: 'markout', plugin: '@venuelab/plugin-metric-markout', config: { horizons: [0, 10] } },
  ];
  c.sweep = { seeds, grid: { share: { path: 'agents[0].config.marketShare', values: [0.1, 0.4] } }, comparisons: [{ axis: 'share', control: '0.1' }] };
  const p = join(mkdtempSync(join(work, 'cfg-')), 'experiment.yaml');
  writeFileSync(p, stringify(c));
  return p;
}

async function countRows(dir: string): Promise<{ dup: number; ok: number; failed: number }> {
  const db = await DuckDBInstance.create(join(dir, 'results.duckdb'));
  const c = await db.connect();
  const one = async (sql: string) => Number((await c.runAndReadAll(sql)).getRowObjects()[0]!.n);
  const r = {
    dup: await one('SELECT count(*) AS n FROM (SELECT cell, seed, metric, scope, key, horizon, count(*) AS k FROM metrics GROUP BY ALL HAVING k > 1)'),
    ok: await one("SELECT count(*) AS n FROM runs WHERE status = 'ok'"),
    failed: await one("SELECT count(*) AS n FROM runs WHERE status = 'failed'"),
  };
  c.closeSync();
  db.closeSync();
  return r;
}

const cfg = sweepConfig(3);
let baseline = '';
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('local sweeps', () => {
  it('need no Redis at all (and give the baseline the distributed runs must match)', async () => {
    // No Redis server runs yet in this file; the local executor never touches one.
    const dir = out();
    const r = await runSweep(cfg, { outDir: dir, workers: 0 });
    expect(r.ok).toBe(6);
    baseline = readFileSync(join(dir, 'results.csv'), 'utf8');
    expect(baseline.split('\n').length).toBeGreaterThan(20);
  });
});

describe('redis job plumbing (no server)', () => {
  it('parses URLs, passwords and TLS', () => {
    expect(redisConnectionOptions({ url: 'redis://127.0.0.1:6390/2' })).toMatchObject({ host: '127.0.0.1', port: 6390, db: 2, maxRetriesPerRequest: null });
    const withPw = redisConnectionOptions({ url: 'redis://:s%40cret@h:1' });
    expect(withPw.password).toBe('s@cret');
    expect(redisConnectionOptions({ url: 'redis://:a@h:1', password: 'b' }).password).toBe('b');
    expect(redisConnectionOptions({ url: 'rediss://cache.example:6380' }).tls).toEqual({ servername: 'cache.example' });
    expect(redisConnectionOptions({ url: 'redis://h' }).tls).toBeUndefined();
    expect(() => redisConnectionOptions({ url: 'http://h:1' })).toThrow(/redis:\/\//);
    expect(() => redisConnectionOptions({ url: 'redis://h:1/x' })).toThrow(/database/);
    expect(redactRedisUrl('rediss://user:pw@h:1/0')).toBe('rediss://user:***@h:1/0');
  });

  it('escapes queue names and job ids BullMQ would reject', () => {
    expect(sweepQueueName('quickstart-0123')).toBe('quickstart-0123');
    expect(sweepQueueName('a:b%c')).toBe('a%3Ab%25c');
    expect(sweepJobId('mech=fba,x={"a":1}', 3)).toBe('mech=fba,x={"a"%3A1}|3');
    expect(sweepJobId('a', 1)).not.toBe(sweepJobId('a', 2));
  });

  it('results survive the trip, and malformed results are refused', () => {
    const r = { cell: 'c', seed: 1, status: 'ok' as const, rows: [{ metric: 'm', scope: 'all' as const, key: '', horizon: null, value: -0 }, { metric: 'm', scope: 'role' as const, key: 'lp', horizon: 5, value: 0.1 + 0.2 }] };
    const back = decodeTaskResult(JSON.parse(JSON.stringify(encodeTaskResult(r))));
    expect(back).toEqual(r);
    expect(Object.is(back.rows[0]!.value, -0)).toBe(true);
    const hostile = { ...r, rows: [{ metric: 'm', scope: 'all', key: '', horizon: null, value: '1); DROP TABLE runs; --' }] };
    expect(() => decodeTaskResult(hostile)).toThrow(/malformed result/);
    expect(() => decodeTaskResult({ ...r, extra: 1 })).toThrow(/malformed result/);
  });

  const identity = { configHash: '0123456789abcdef', packages: {} as Record<string, string> };
  const ctx = { name: 'test-worker', projectRoot: root };
  const cellConfig = (): Record<string, unknown> => {
    const c = parse(readFileSync(cfg, 'utf8'));
    delete c.sweep;
    return c;
  };
  const task = (config = cellConfig()): SweepTask => ({ sweepId: 'unit', cell: 'share=0.1', seed: 1, config, baseDir: join(cfg, '..') });

  it('a worker refuses malformed, altered and out-of-project payloads with a coded reason', async () => {
    const good = sweepJobPayload(task(), identity, root);
    expect(good.task.baseDir.startsWith('tmp/redis-test-')).toBe(true);
    const reason = async (data: unknown, queue = 'unit') => {
      try {
        await prepareJob(data, queue, ctx);
        return 'accepted';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(await reason({ hello: 'world' })).toMatch(/^VL_ERR_PAYLOAD: malformed job payload/);
    expect(await reason('not even an object')).toMatch(/^VL_ERR_PAYLOAD/);
    expect(await reason({ ...good, task: { ...good.task, seed: 1.5 } })).toMatch(/^VL_ERR_PAYLOAD.*seed/);
    expect(await reason({ ...good, task: { ...good.task, baseDir: '../..' } })).toMatch(/^VL_ERR_PAYLOAD.*baseDir/);
    expect(await reason({ ...good, task: { ...good.task, baseDir: '/etc' } })).toMatch(/^VL_ERR_PAYLOAD.*baseDir/);
    expect(await reason(good, 'another-sweep')).toMatch(/^VL_ERR_PAYLOAD: job of sweep unit found in queue another-sweep/);
    expect(await reason({ ...good, task: { ...good.task, seed: 2 } })).toMatch(/^VL_ERR_CONFIG_MISMATCH/);
    const missing = { ...good, task: { ...good.task, baseDir: 'no/such/folder' } };
    expect(await reason({ ...missing, taskHash: taskHashOf(identity, missing.task) })).toMatch(/^VL_ERR_PAYLOAD: config folder no\/such\/folder does not exist/);
    // A plugin path leading out of the project, with a consistent hash: the loader's path rule refuses it.
    const evil = cellConfig();
    (evil.truth as Record<string, unknown>).plugin = '../../../../../../etc';
    const evilPayload = sweepJobPayload(task(evil), identity, root);
    expect(await reason(evilPayload)).toMatch(/^VL_ERR_WORKER_SETUP: worker test-worker cannot load cell share=0\.1: .*outside the project/);
  });

  it('a worker refuses a job whose manifest versions differ from its own, naming the package and both versions', async () => {
    const own = JSON.parse(readFileSync(join(root, 'plugins/venue-clob/package.json'), 'utf8')).version as string;
    const packages: Record<string, string> = {
      '@venuelab/kernel': JSON.parse(readFileSync(join(root, 'packages/kernel/package.json'), 'utf8')).version,
      '@venuelab/plugin-truth-random-walk': JSON.parse(readFileSync(join(root, 'plugins/truth-random-walk/package.json'), 'utf8')).version,
      '@venuelab/plugin-venue-clob': own,
      '@venuelab/plugin-agent-noise': JSON.parse(readFileSync(join(root, 'plugins/agent-noise/package.json'), 'utf8')).version,
      '@venuelab/plugin-metric-pnl': JSON.parse(readFileSync(join(root, 'plugins/metric-pnl/package.json'), 'utf8')).version,
      '@venuelab/plugin-metric-markout': JSON.parse(readFileSync(join(root, 'plugins/metric-markout/package.json'), 'utf8')).version,
    };
    const payload = sweepJobPayload(task(), { ...identity, packages }, root);
    const ok = await prepareJob(payload, 'unit', ctx);
    expect(ok.baseDir).toBe(join(cfg, '..'));
    await expect(prepareJob(payload, 'unit', { ...ctx, reportedVersions: { '@venuelab/plugin-venue-clob': '0.0.0-test' } })).rejects.toThrow(
      `VL_ERR_VERSION_MISMATCH: worker test-worker refuses cell share=0.1: @venuelab/plugin-venue-clob 0.0.0-test here, ${own} in the sweep's manifest`,
    );
    const older = sweepJobPayload(task(), { ...identity, packages: { ...packages, '@venuelab/kernel': '0.0.1' } }, root);
    await expect(prepareJob(older, 'unit', ctx)).rejects.toThrow(/VL_ERR_VERSION_MISMATCH: .*@venuelab\/kernel \S+ here, 0\.0\.1 in the sweep's manifest/);
  });
});

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface WorkerProc {
  child: ChildProcess;
  log: string[];
  /** Resolves when the worker prints its ready line. */
  ready: Promise<void>;
  /** Resolves with the first log line matching `re`. */
  waitFor(re: RegExp): Promise<string>;
}

describe.skipIf(!haveRedis)('distributed sweeps on Redis', () => {
  const password = 'test-pw-7d1';
  let redis: ChildProcess | undefined;
  let port = 0;
  let tlsPort = 0;
  let ca = '';
  const procs: ChildProcess[] = [];
  const url = (db: number) => `redis://127.0.0.1:${port}/${db}`;

  function startWorker(args: string[], env: Record<string, string> = {}): WorkerProc {
    const child = spawn(process.execPath, [cli, 'worker', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(child);
    const log: string[] = [];
    const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
    const onData = (d: Buffer) => {
      for (const line of d.toString().split('\n').filter(Boolean)) {
        log.push(line);
        for (const w of waiters.splice(0)) (w.re.test(line) ? w.resolve(line) : waiters.push(w));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const waitFor = (re: RegExp) =>
      new Promise<string>((resolve, reject) => {
        const hit = log.find((l) => re.test(l));
        if (hit) return resolve(hit);
        waiters.push({ re, resolve });
        child.once('exit', (code) => reject(new Error(`worker exited (${code}) before printing ${re}: ${log.join('\n')}`)));
      });
    return { child, log, ready: waitFor(/ready: /).then(() => undefined), waitFor };
  }

  async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  beforeAll(async () => {
    port = await freePort();
    const args = ['--bind', '127.0.0.1', '--port', String(port), '--requirepass', password, '--save', '', '--appendonly', 'no'];
    if (haveOpenssl) {
      tlsPort = await freePort();
      const certs = mkdtempSync(join(tmpdir(), 'venuelab-redis-tls-'));
      const gen = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(certs, 'key.pem'), '-out', join(certs, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
      if (gen.status !== 0) throw new Error(`openssl failed: ${gen.stderr}`);
      ca = join(certs, 'cert.pem');
      args.push('--tls-port', String(tlsPort), '--tls-cert-file', ca, '--tls-key-file', join(certs, 'key.pem'), '--tls-auth-clients', 'no');
    }
    redis = spawn(REDIS, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let text = '';
      redis!.stdout!.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('Ready to accept connections')) resolve();
      });
      redis!.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${text}`)));
    });
  });

  afterAll(async () => {
    await Promise.all(procs.map((p) => stop(p, 'SIGKILL')));
    if (redis?.pid) await stop(redis, 'SIGTERM');
  });

  it('two `venuelab worker` processes give results identical to the local backend; a hostile job fails alone', async () => {
    const a = startWorker(['--redis', url(1), '--redis-password', password, '--concurrency', '1', '--name', 'wa']);
    const b = startWorker(['--redis', url(1), '--concurrency', '1', '--name', 'wb'], { VENUELAB_REDIS_PASSWORD: password });
    await Promise.all([a.ready, b.ready]);
    const dir = out();
    const seen: WorkersInfo[] = [];
    const r = await runSweep(cfg, { outDir: dir, executor: redisExecutor({ url: url(1), password, pollMs: 200, onWorkers: (w) => seen.push(w) }) });
    expect(r.ok).toBe(6);
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(baseline);
    expect(Math.max(...seen.map((s) => s.seen))).toBe(2);
    expect(a.log.some((l) => /^ran .* ok$/.test(l)) || b.log.some((l) => /^ran .* ok$/.test(l))).toBe(true);

    // Hostile payloads in an active sweep queue fail their jobs; the workers live on and run the next good job.
    const conn = redisConnectionOptions({ url: url(1), password });
    const client = new Redis(conn);
    const queue = new Queue('hostile', { connection: conn as never, prefix: RedisKeys.queuePrefix });
    try {
      await client.sadd(RedisKeys.registry, 'hostile');
      const c = parse(readFileSync(cfg, 'utf8'));
      delete c.sweep;
      const good = sweepJobPayload({ sweepId: 'hostile', cell: 'base', seed: 1, config: c, baseDir: join(cfg, '..') }, { configHash: '0123456789abcdef', packages: r.manifest.packages as Record<string, string> }, root);
      await queue.add('run', JSON.parse('{"task":{"config":{"__proto__":{"polluted":true}}}}'), { jobId: 'bad|1' });
      await queue.add('run', { ...good, task: { ...good.task, baseDir: '../../etc' } }, { jobId: 'bad|2' });
      await queue.add('run', good, { jobId: 'base|1' });
      const final = async (id: string) => {
        for (let i = 0; i < 300; i++) {
          const job = await queue.getJob(id);
          const state = await job?.getState();
          if (job && (state === 'completed' || state === 'failed')) return { state, reason: job.failedReason, value: job.returnvalue };
          await new Promise((res) => setTimeout(res, 100));
        }
        throw new Error(`job ${id} did not finish`);
      };
      const [bad1, bad2, ok] = [await final('bad|1'), await final('bad|2'), await final('base|1')];
      expect(bad1).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^VL_ERR_PAYLOAD: malformed job payload/) });
      expect(bad2).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^VL_ERR_PAYLOAD: .*baseDir/) });
      expect(ok.state).toBe('completed');
      expect(decodeTaskResult(ok.value).status).toBe('ok');
      expect([a.child.exitCode, b.child.exitCode]).toEqual([null, null]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      await client.srem(RedisKeys.registry, 'hostile');
      await queue.obliterate({ force: true });
      await queue.close();
      client.disconnect();
      await Promise.all([stop(a.child), stop(b.child)]);
    }
  });

  it('a worker killed with SIGKILL mid-sweep: the sweep completes with exactly one row per (cell, seed, metric) and identical results', async () => {
    // The survivor starts only once the victim holds a job, so the victim always has one to lose
    // (with both running from the start, a loaded machine could let the survivor take every job).
    const a = startWorker(['--redis', url(2), '--redis-password', password, '--concurrency', '1', '--name', 'victim', '--lock-ms', '1500']);
    await a.ready;
    const dir = out();
    const sweep = runSweep(cfg, { outDir: dir, executor: redisExecutor({ url: url(2), password, pollMs: 200, backoffMs: 200 }) });
    const started = await a.waitFor(/^start /);
    const b = startWorker(['--redis', url(2), '--redis-password', password, '--concurrency', '1', '--name', 'survivor', '--lock-ms', '1500']);
    await stop(a.child, 'SIGKILL');
    const killedJob = started.split(' ').pop()!;
    const r = await sweep;
    expect(r.ok).toBe(6);
    expect(r.failed).toEqual([]);
    // the job the victim held (unless it finished it in the instant before the kill) was run again by the survivor
    const ranBy = (w: WorkerProc) => w.log.some((l) => l.startsWith('ran ') && l.includes(`${killedJob.replace('|', ' seed ')}:`));
    expect(ranBy(a) || ranBy(b)).toBe(true);
    const rows = await countRows(dir);
    expect(rows).toMatchObject({ dup: 0, ok: 6, failed: 0 });
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(baseline);
    await stop(b.child);
  });

  it('over TLS: a worker with a different plugin version refuses the jobs and `venuelab sweep --backend` reports it', async () => {
    const conn = haveOpenssl ? ['--redis-ca', ca] : [];
    const backend = haveOpenssl ? `rediss://127.0.0.1:${tlsPort}/3` : url(3);
    const env = { VENUELAB_REDIS_PASSWORD: password };
    const w = startWorker(['--redis', backend, ...conn, '--concurrency', '1', '--name', 'stale'], { ...env, VENUELAB_TEST_REPORTED_VERSIONS: JSON.stringify({ '@venuelab/plugin-venue-clob': '0.0.0-test' }) });
    await w.ready;
    const dir = out();
    const child = spawn(process.execPath, [cli, 'sweep', cfg, '--backend', backend, ...conn, '--seeds', '1', '--out', dir, '--progress-lines'], { cwd: root, env: { ...process.env, ...env } });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const own = JSON.parse(readFileSync(join(root, 'plugins/venue-clob/package.json'), 'utf8')).version as string;
    expect(code, stderr).toBe(3);
    expect(stderr).toMatch(/workers=1/);
    expect(stderr).toContain(`refused: cell share=0.1 seed 1: VL_ERR_VERSION_MISMATCH: worker stale refuses cell share=0.1: @venuelab/plugin-venue-clob 0.0.0-test here, ${own} in the sweep's manifest`);
    expect(stderr).toMatch(/failed: cell share=0\.4 seed 1: VL_ERR_VERSION_MISMATCH/);
    expect(stdout).toMatch(/2 runs \(2 cells x 1 seeds\), 0 ok, 2 failed/);
    expect(await countRows(dir)).toMatchObject({ ok: 0, failed: 2 });
    // refused, not retried: one attempt per job
    expect(w.log.filter((l) => l.startsWith('start '))).toHaveLength(2);
    await stop(w.child);
  });
});

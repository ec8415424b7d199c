/**
 * Config fuzzing (issue 10): valid experiment configs (examples/quickstart, examples/pi-curve) are
 * mutated at least CONFIG_FUZZ_RUNS (default 1,000) times (fields dropped, retyped, renamed and
 * duplicated; wrong, missing, escaping or wrong-kind plugin names; components removed so
 * dependencies go missing; absurd sizes). Every mutant either validates and runs (duration capped,
 * guardrails tight) or fails validation with a ConfigError whose issues are coded and name a path;
 * never another exception type, never a plugin crash inside a run.
 */
import { appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, ErrorCode, executeRun, VenuelabError } from '@venuelab/kernel';
import { buildRunSpec, loadExperimentFromObject, readConfigFile } from '@venuelab/experiment';

const root = join(import.meta.dirname, '../..');
const RUNS = Number(process.env.CONFIG_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 424_242);
const CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A base config without its sweep section. */
function base(example: string): { raw: Json; baseDir: string } {
  const file = join(root, 'examples', example, 'experiment.yaml');
  const raw = readConfigFile(file) as Record<string, Json>;
  delete raw.sweep;
  return { raw, baseDir: dirname(file) };
}
const BASES = [base('quickstart'), base('pi-curve')];

/** Every path (array of keys) into a JSON tree, the root excluded. */
function paths(x: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(x)) x.forEach((v, i) => out.push([...prefix, i], ...paths(v, [...prefix, i])));
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) out.push([...prefix, k], ...paths(v, [...prefix, k]));
  return out;
}

function parentOf(x: Json, path: (string | number)[]): { parent: Json[] | Record<string, Json>; key: string | number } {
  let cur: any = x;
  for (const k of path.slice(0, -1)) cur = cur[k];
  return { parent: cur, key: path[path.length - 1]! };
}

const ODD_VALUES: Json[] = [null, true, false, 0, -1, 0.5, 1e12, -1e308, 2 ** 53, NaN as unknown as Json, Infinity as unknown as Json, '', 'x', '1e3', [], {}, [1, 2], { a: 1 }];
const PLUGIN_NAMES = [
  '@venuelab/plugin-does-not-exist',
  'Not A Package!',
  '../../../../etc/passwd',
  '/etc/passwd',
  '../../../outside/plugin.js',
  './no-such-file.ts',
  'node:fs',
  'fs',
  '@venuelab/kernel',
  '@venuelab/plugin-metric-pnl',
  '@venuelab/plugin-venue-fba',
  '@venuelab/plugin-agent-lp',
  '@venuelab/plugin-truth-ou',
  'https://example.com/plugin.js',
];
const ABSURD: [string, Json][] = [
  ['duration', 1e15],
  ['duration', 0],
  ['count', 1e9],
  ['count', 1e6],
  ['count', 0],
  ['tickSize', 1e-300],
  ['tickSize', 0],
  ['openingMid', 1e300],
  ['openingMid', -5],
  ['lotSize', 1e9],
  ['q', 1e300],
  ['qty', 1e15],
  ['arrivalRatePerUnit', 1e9],
  ['horizons', [1e15]],
  ['maxEvents', 1],
  ['midEvery', 1e12],
  ['budget', -1],
  ['b', 1e-300],
  ['tau', 1e12],
];

/** One mutation, with the random choices that pick its target. */
type Mutation =
  | { op: 'drop' | 'rename' | 'duplicate' | 'removeElement' | 'duplicateElement'; at: number; pick: number }
  | { op: 'retype'; at: number; pick: number }
  | { op: 'plugin'; at: number; pick: number }
  | { op: 'absurd'; pick: number }
  | { op: 'addUnknown'; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('drop' as const, 'rename' as const, 'duplicate' as const, 'removeElement' as const, 'duplicateElement' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ op: fc.constant('retype' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ op: fc.constant('plugin' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ op: fc.constant('absurd' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('addUnknown' as const), at: fc.nat() }),
);

function apply(x: Json, m: Mutation): void {
  const all = paths(x);
  if (all.length === 0) return;
  if (m.op === 'absurd') {
    const [key, value] = ABSURD[m.pick % ABSURD.length]!;
    const hits = all.filter((p) => p[p.length - 1] === key);
    if (hits.length > 0) {
      const { parent, key: k } = parentOf(x, hits[m.pick % hits.length]!);
      (parent as any)[k] = value;
    } else if (key === 'duration') (x as any).duration = value;
    else if (key === 'maxEvents' || key === 'midEvery') (x as any)[key === 'maxEvents' ? 'guardrails' : 'recording'] = { [key]: value };
    return;
  }
  if (m.op === 'plugin') {
    const hits = all.filter((p) => p[p.length - 1] === 'plugin');
    const { parent, key } = parentOf(x, hits[m.at % hits.length]!);
    (parent as any)[key] = PLUGIN_NAMES[m.pick % PLUGIN_NAMES.length]!;
    return;
  }
  if (m.op === 'addUnknown') {
    const objs = [[], ...all].filter((p) => {
      const v = p.length === 0 ? x : (parentOf(x, p).parent as any)[p[p.length - 1]!];
      return v && typeof v === 'object' && !Array.isArray(v);
    });
    const p = objs[m.at % objs.length]!;
    const v = p.length === 0 ? x : (parentOf(x, p).parent as any)[p[p.length - 1]!];
    v.unexpectedField = 1;
    return;
  }
  const path = all[m.at % all.length]!;
  const { parent, key } = parentOf(x, path);
  if (m.op === 'retype') {
    (parent as any)[key] = ODD_VALUES[m.pick % ODD_VALUES.length]!;
    return;
  }
  if (Array.isArray(parent)) {
    const i = key as number;
    if (m.op === 'drop' || m.op === 'removeElement') parent.splice(i, 1);
    else parent.splice(i, 0, structuredClone(parent[i]!));
    return;
  }
  const obj = parent as Record<string, Json>;
  const k = key as string;
  if (m.op === 'drop' || m.op === 'removeElement') delete obj[k];
  else if (m.op === 'rename') {
    const keys = Object.keys(obj);
    const other = keys[m.pick % keys.length]!;
    const v = obj[k]!;
    delete obj[k];
    obj[other === k ? `${k}_` : `${k.toUpperCase()}`] = v;
  } else obj[`${k}${m.pick % 2 === 0 ? '2' : 'Copy'}`] = structuredClone(obj[k]!);
}

describe('config fuzzing', () => {
  it(`every mutant of quickstart and pi-curve validates and runs, or fails validation with coded issues naming a path (${RUNS} mutants, seed ${SEED})`, async () => {
    const tally = { valid: 0, invalid: 0, guardrail: 0, codes: new Map<string, number>() };
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: BASES.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (which, muts) => {
        const { raw, baseDir } = BASES[which]!;
        const mutant = structuredClone(raw);
        for (const m of muts) apply(mutant, m);
        if (process.env.CONFIG_FUZZ_TRACE) appendFileSync(process.env.CONFIG_FUZZ_TRACE, `${which} ${JSON.stringify(muts)}\n`);
        let loaded;
        try {
          loaded = await loadExperimentFromObject(mutant, baseDir);
        } catch (e) {
          if (!(e instanceof ConfigError)) throw new Error(`validation threw ${(e as Error)?.name}: ${(e as Error)?.stack ?? String(e)}`);
          expect(e.issues.length).toBeGreaterThan(0);
          for (const i of e.issues) {
            expect(CODES.has(i.code), `uncoded issue ${JSON.stringify(i)}`).toBe(true);
            expect(typeof i.path).toBe('string');
            expect(i.message.length).toBeGreaterThan(0);
          }
          // an unknown top-level key is reported at the root ('') with the key quoted in the message
          expect(e.issues.some((i) => i.path.length > 0 || /unknown key "[^"]+"/.test(i.message)), `no issue names a path: ${e.message}`).toBe(true);
          tally.invalid++;
          for (const i of e.issues) tally.codes.set(i.code, (tally.codes.get(i.code) ?? 0) + 1);
          return;
        }
        tally.valid++;
        if (process.env.CONFIG_FUZZ_TRACE) appendFileSync(process.env.CONFIG_FUZZ_TRACE, `  valid, running\n`);
        const spec = buildRunSpec(loaded.config, loaded.plugins);
        spec.duration = Math.min(spec.duration, 300);
        spec.guardrails = { ...spec.guardrails, maxWallMs: 5_000, maxEvents: Math.min(spec.guardrails?.maxEvents ?? Infinity, 2_000_000) } as typeof spec.guardrails;
        try {
          const out = executeRun(spec);
          for (const r of out.metrics) expect(Number.isFinite(r.value)).toBe(true);
        } catch (e) {
          // a guardrail stopping an absurd (but valid) size is the designed outcome; any other failure is a crash inside a run
          if (e instanceof VenuelabError && e.code === ErrorCode.Guardrail) {
            tally.guardrail++;
            return;
          }
          throw new Error(`a validated mutant crashed inside its run: ${(e as Error)?.message}\nmutations ${JSON.stringify(muts)}`);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // the fuzzer really produced both outcomes and several kinds of coded problems
    expect(tally.valid).toBeGreaterThan(RUNS / 20);
    expect(tally.invalid).toBeGreaterThan(RUNS / 4);
    expect(tally.codes.get(ErrorCode.Config) ?? 0).toBeGreaterThan(0);
    expect(tally.codes.get(ErrorCode.PluginNotFound) ?? 0).toBeGreaterThan(0);
    console.log(`config fuzz: ${tally.valid} valid (${tally.guardrail} stopped by a guardrail), ${tally.invalid} invalid; codes ${JSON.stringify([...tally.codes])}`);
  });
});

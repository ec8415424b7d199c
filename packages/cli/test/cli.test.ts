import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../src/index.js';

const root = join(import.meta.dirname, '../../..');
const quickstart = join(root, 'examples/quickstart/experiment.yaml');

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n'), errLines: err };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'venuelab-cli-'));
}

/** Writes a mutated copy of the quickstart config and returns its path. */
function mutated(fn: (c: Record<string, any>) => void): string {
  const c = parse(readFileSync(quickstart, 'utf8'));
  fn(c);
  const p = join(tmp(), 'experiment.yaml');
  writeFileSync(p, stringify(c));
  return p;
}

describe('venuelab run', () => {
  it('writes manifest and trades; same seed gives byte-identical trades; another seed differs', async () => {
    const [a, b, c] = [tmp(), tmp(), tmp()];
    const r1 = await cli('run', quickstart, '--seed', '7', '--out', a, '--quiet');
    expect(r1.code).toBe(0);
    expect(r1.out).toMatch(/results: /);
    expect((await cli('run', quickstart, '--seed', '7', '--out', b, '--quiet')).code).toBe(0);
    expect((await cli('run', quickstart, '--seed', '8', '--out', c, '--quiet')).code).toBe(0);
    const ta = readFileSync(join(a, 'trades.csv'));
    expect(ta.length).toBeGreaterThan(1000);
    expect(ta.equals(readFileSync(join(b, 'trades.csv')))).toBe(true);
    expect(ta.equals(readFileSync(join(c, 'trades.csv')))).toBe(false);
    const m = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(m.seed).toBe(7);
    expect(m.configHash).toMatch(/^[0-9a-f]{16}$/);
    expect(m.packages['@venuelab/kernel']).toBe('0.1.0');
    expect(m.packages['@venuelab/plugin-venue-clob']).toBe('0.1.0');
    expect(m.config.agents[0].plugin).toBe('@venuelab/plugin-agent-noise');
    const header = readFileSync(join(a, 'trades.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('fill_id,leg,t,venue,market,batch_id,agent,role,order_id,side,price,qty,fee,liquidity,submitted_at,mid_before,mid_after,counterparty');
  });
});

describe('venuelab validate', () => {
  it('accepts the quickstart', async () => {
    const r = await cli('validate', quickstart);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: quickstart/);
  });

  const cases: [string, (c: Record<string, any>) => void, RegExp][] = [
    ['a wrong field type', (c) => (c.agents[0].config.arrivalRatePerUnit = 'fast'), /^VL_ERR_CONFIG agents\[0\]\.config\.arrivalRatePerUnit \[plugin @venuelab\/plugin-agent-noise\]: .*expected number/],
    ['an unknown plugin', (c) => (c.venues[0].plugin = '@venuelab/plugin-venue-nope'), /^VL_ERR_PLUGIN_NOT_FOUND venues\[0\]\.plugin \[plugin @venuelab\/plugin-venue-nope\]: plugin package "@venuelab\/plugin-venue-nope" is not installed/],
    ['an unknown key in a plugin config', (c) => (c.venues[0].config.makerFee = 1), /^VL_ERR_CONFIG venues\[0\]\.config \[plugin @venuelab\/plugin-venue-clob\]: unknown key "makerFee"/],
    ['an unknown top-level key', (c) => (c.durration = 5), /^VL_ERR_CONFIG \(root\): unknown key "durration"/],
    ['an unknown key in a component', (c) => (c.agents[0].cout = 5), /^VL_ERR_CONFIG agents\[0\] \[plugin @venuelab\/plugin-agent-noise\]: unknown key "cout"/],
    ['a plugin path outside the project', (c) => (c.truth.plugin = '../../../../etc'), /^VL_ERR_PLUGIN_NOT_FOUND truth\.plugin .*outside the project folder|^VL_ERR_PLUGIN_NOT_FOUND truth\.plugin/],
  ];
  for (const [what, fn, line] of cases) {
    it(`fails with one line per problem for ${what}`, async () => {
      const r = await cli('validate', mutated(fn));
      expect(r.code).not.toBe(0);
      expect(r.errLines[0]).toMatch(line);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.errLines.at(-1)).toMatch(/^\d+ problems? found$/);
    });
  }

  it('reports several problems at once, one line each', async () => {
    const r = await cli(
      'validate',
      mutated((c) => {
        c.agents[0].config.arrivalRatePerUnit = 'fast';
        c.venues[0].config.selfTradePrevention = 'sometimes';
        c.agents.push({ id: 'ghost', plugin: '@acme/not-there', config: {} });
      }),
    );
    expect(r.code).not.toBe(0);
    expect(r.errLines.length).toBe(4);
    expect(r.errLines.at(-1)).toBe('3 problems found');
  });

  it('reports a missing dependency', async () => {
    // An out-of-tree plugin (a relative path inside the project) that depends on a plugin that is absent.
    const dir = mkdtempSync(join(root, 'packages/cli/test/.tmp-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'needy-plugin', version: '1.0.0', type: 'module', main: 'index.js' }));
    writeFileSync(
      join(dir, 'index.js'),
      `import { definePlugin, z } from '@venuelab/kernel';
export default definePlugin({ id: 'agent-needy', kind: 'agent', version: '1.0.0', kernel: '^0.1.0', dependsOn: ['venue-fancy'],
  configSchema: z.strictObject({}), register(ctx) { ctx.registerAgent((a) => ({ id: a.id, role: 'x', start() {} })); } });\n`,
    );
    const cfg = mutated((c) => c.agents.push({ id: 'needy', plugin: dir, config: {} }));
    const r = await cli('validate', cfg);
    expect(r.code).not.toBe(0);
    expect(r.errLines[0]).toMatch(/^VL_ERR_MISSING_DEPENDENCY agents\[1\]\.plugin \[plugin needy-plugin\]: depends on plugin "venue-fancy"/);
    execFileSync('rm', ['-rf', dir]);
  });
});

describe('venuelab plugins', () => {
  it('--json lists installed plugins with JSON Schema configs', async () => {
    const r = await cli('plugins', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { package: string; id: string; kind: string; version: string; schema: any }[];
    const clob = list.find((p) => p.package === '@venuelab/plugin-venue-clob')!;
    expect(clob).toMatchObject({ id: 'venue-clob', kind: 'venue', version: '0.1.0' });
    expect(clob.schema.type).toBe('object');
    expect(clob.schema.properties.selfTradePrevention.enum).toEqual(['none', 'cancelResting', 'cancelIncoming']);
    expect(list.map((p) => p.kind)).toEqual(expect.arrayContaining(['venue', 'agent', 'truth']));
  });
});

describe('the installed command', () => {
  it('runs through its bin script and exits non-zero on a bad config without a stack trace', () => {
    const ok = spawnSync(process.execPath, [join(root, 'packages/cli/bin/venuelab.js'), 'validate', quickstart], { encoding: 'utf8', cwd: root });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^ok: quickstart/);
    const bad = spawnSync(process.execPath, [join(root, 'packages/cli/bin/venuelab.js'), 'validate', mutated((c) => (c.duration = -1))], { encoding: 'utf8', cwd: root });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^VL_ERR_CONFIG duration: /);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

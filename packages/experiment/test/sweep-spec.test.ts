import { describe, expect, it } from 'vitest';
import { ConfigError } from '@venuelab/kernel';
import { cellConfig, expandSweep, getPath, parsePath, setPath } from '../src/index.js';

const base = {
  name: 'x',
  duration: 10,
  markets: [{ id: 'M', openingMid: 1 }],
  truth: { plugin: 't' },
  venues: [{ id: 'v', plugin: 'p', config: { tau: 1 } }],
  agents: [{ id: 'a', plugin: 'q', count: 2, config: {} }],
};

describe('config paths', () => {
  it('parse, read and write', () => {
    expect(parsePath('venues[0].config.tau')).toEqual(['venues', 0, 'config', 'tau']);
    const c = structuredClone(base);
    setPath(c, 'venues[0].config.tau', 5);
    expect(getPath(c, 'venues[0].config.tau')).toBe(5);
    setPath(c, 'agents[0].config.newKey', 1);
    expect(getPath(c, 'agents[0].config.newKey')).toBe(1);
  });
  it('refuse paths through missing containers and malformed paths', () => {
    expect(() => setPath(structuredClone(base), 'venues[3].config.tau', 1)).toThrow(/nothing at venues\[3\]/);
    expect(() => setPath(structuredClone(base), 'vennues[0].x', 1)).toThrow(/nothing at vennues/);
    expect(() => parsePath('a..b')).toThrow(/not a config path/);
  });
});

describe('sweep expansion', () => {
  it('expands the cartesian product of axes in order, with seeds', () => {
    const s = expandSweep({
      ...base,
      sweep: {
        seeds: { count: 3, start: 10 },
        grid: {
          mech: { values: { clob: { 'venues[0].plugin': 'clob' }, fba: { 'venues[0].plugin': 'fba', 'venues[0].config.tau': 5 } } },
          n: { path: 'agents[0].count', values: [1, 4] },
        },
        comparisons: [{ axis: 'mech', control: 'clob' }],
      },
    });
    expect(s.cells.map((c) => c.id)).toEqual(['mech=clob,n=1', 'mech=clob,n=4', 'mech=fba,n=1', 'mech=fba,n=4']);
    expect(s.seeds).toEqual([10, 11, 12]);
    const cfg = cellConfig({ ...base, sweep: {} }, s.cells[3]!) as typeof base;
    expect(cfg.venues[0]!.plugin).toBe('fba');
    expect(cfg.venues[0]!.config.tau).toBe(5);
    expect(cfg.agents[0]!.count).toBe(4);
    expect('sweep' in cfg).toBe(false);
    expect(base.venues[0]!.config.tau).toBe(1); // the base is not mutated
  });

  it('a config without a sweep section is one cell with 10 seeds', () => {
    const s = expandSweep(base);
    expect(s.cells.map((c) => c.id)).toEqual(['base']);
    expect(s.seeds).toHaveLength(10);
  });

  it('the sweep id changes with the config, not with the seeds', () => {
    const a = expandSweep({ ...base, sweep: { seeds: 3 } }).id;
    expect(expandSweep({ ...base, sweep: { seeds: 5 } }).id).toBe(a);
    expect(expandSweep({ ...base, duration: 11, sweep: { seeds: 3 } }).id).not.toBe(a);
  });

  it('names every bad field', () => {
    let err: ConfigError | undefined;
    try {
      expandSweep({ ...base, sweep: { seeds: -1, grid: { m: { values: { a: 3 } } }, comparisons: [{ axis: 'zz', control: 'a' }] } });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.issues.map((i) => i.path)).toContain('sweep.seeds');
    let err2: ConfigError | undefined;
    try {
      expandSweep({ ...base, sweep: { grid: { m: { values: { a: 3 } } }, comparisons: [{ axis: 'zz', control: 'a' }, { axis: 'm', control: 'b' }] } });
    } catch (e) {
      err2 = e as ConfigError;
    }
    const msgs = err2!.issues.map((i) => `${i.path}: ${i.message}`);
    expect(msgs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sweep\.grid\.m\.values\.a: without `path`/),
        expect.stringMatching(/^sweep\.comparisons\[0\]\.axis: unknown axis "zz"/),
        expect.stringMatching(/^sweep\.comparisons\[1\]: axis m has no value "b"/),
      ]),
    );
  });
});

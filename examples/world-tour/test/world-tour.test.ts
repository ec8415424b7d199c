import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadExperiment, runExperiment } from '@venuelab/experiment';

const file = fileURLToPath(new URL('../experiment.yaml', import.meta.url));

/** Every agent plugin of venuelab: the world tour must run each of them. */
const AGENT_PLUGINS = [
  '@venuelab/plugin-agent-signals',
  '@venuelab/plugin-agent-bootstrap-ladder',
  '@venuelab/plugin-agent-lp',
  '@venuelab/plugin-agent-endogenous-lp',
  '@venuelab/plugin-agent-avellaneda-stoikov',
  '@venuelab/plugin-agent-glft',
  '@venuelab/plugin-agent-imbalance-mm',
  '@venuelab/plugin-agent-naive-belief',
  '@venuelab/plugin-agent-tail-belief',
  '@venuelab/plugin-agent-aggregated-evidence',
  '@venuelab/plugin-agent-joint-factor',
  '@venuelab/plugin-agent-informed',
  '@venuelab/plugin-agent-event-noise',
  '@venuelab/plugin-agent-noise',
  '@venuelab/plugin-agent-zero-intelligence',
];

/** Agents that trade through the venue contract on every venue (no venue restriction in the config). */
const MULTI_VENUE = ['lp', 'lp-endogenous', 'naive', 'tail', 'aggregated', 'joint-factor', 'informed-0', 'informed-1', 'event-noise-0', 'event-noise-1'];

describe('examples/world-tour', () => {
  it('runs every agent plugin together on a CLOB and an FBA over a moving truth; each agent quotes or trades', async () => {
    const exp = await loadExperiment(file);
    const plugins = new Set(exp.config.agents.map((a) => a.plugin));
    expect([...plugins].sort()).toEqual([...AGENT_PLUGINS].sort());
    expect(exp.config.venues.map((v) => v.plugin).sort()).toEqual(['@venuelab/plugin-venue-clob', '@venuelab/plugin-venue-fba']);
    expect(exp.config.truth.plugin).toBe('@venuelab/plugin-truth-random-walk');

    const { record } = await runExperiment(exp);
    const o = record.orders as Record<string, ArrayLike<any>>;
    const sent = new Map<string, Set<string>>();
    for (let i = 0; i < o.agent.length; i++) {
      if (o.action[i] === 'cancel') continue;
      const s = sent.get(o.agent[i]) ?? new Set<string>();
      s.add(o.venue[i]);
      sent.set(o.agent[i], s);
    }
    const agents = record.participants.filter((p) => !p.id.includes(':'));
    expect(agents.length).toBeGreaterThan(20);
    const silent = agents.filter((p) => p.role !== 'signals' && !sent.has(p.id)).map((p) => p.id);
    expect(silent).toEqual([]);
    for (const id of MULTI_VENUE) expect([...(sent.get(id) ?? [])].sort()).toEqual(['clob', 'fba']);

    // the signal source never trades; the LPs never take on the continuous book
    const t = record.trades as Record<string, ArrayLike<any>>;
    for (let i = 0; i < t.agent.length; i++) {
      expect(t.role[i]).not.toBe('signals');
      if ((t.agent[i] === 'lp' || t.agent[i] === 'lp-endogenous') && t.venue[i] === 'clob') expect(t.liquidity[i]).toBe('maker');
    }
  });
});

/**
 * A latent-factor model built from an agent's config, for truths that provide none.
 * @module
 */
import type { LatentSpace } from '@venuelab/kernel';
import type { LatentFactorModel } from '@venuelab/models';
import type { JointFactorConfig } from './schema.js';

/**
 * The {@link LatentFactorModel} an agent assumes from its config: `factors` common factors with
 * the given loadings (1 on every factor for markets not listed), prior variances, and anchors at
 * the opening mids. Its realised values are unknown (NaN): the agent only uses the structure.
 * @param config - the agent's config
 * @param space - latent space of the truth process
 * @param anchors - latent anchor (opening mid) of every market, in experiment order
 */
export function configFactorModel(config: JointFactorConfig, space: LatentSpace, anchors: ReadonlyMap<string, number>): LatentFactorModel {
  const k = config.factors;
  const markets = [...anchors.keys()];
  const fv = typeof config.factorVariance === 'number' ? new Array<number>(k).fill(config.factorVariance) : config.factorVariance;
  if (fv.length !== k) throw new RangeError(`factorVariance has ${fv.length} entries, expected ${k}`);
  const loadings: Record<string, number[]> = {};
  const idioVariance: Record<string, number> = {};
  const idiosyncratic: Record<string, number> = {};
  for (const m of markets) {
    const beta = config.loadings?.[m] ?? new Array<number>(k).fill(1);
    if (beta.length !== k) throw new RangeError(`loadings of "${m}" have ${beta.length} entries, expected ${k}`);
    loadings[m] = beta;
    idioVariance[m] = config.idioVariance;
    idiosyncratic[m] = NaN;
  }
  for (const m of Object.keys(config.loadings ?? {})) {
    if (!anchors.has(m)) throw new RangeError(`loadings name unknown market "${m}"`);
  }
  return {
    space,
    markets,
    factorCount: k,
    anchors: Object.fromEntries(anchors),
    loadings,
    factorVariance: fv,
    idioVariance,
    factors: new Array<number>(k).fill(NaN),
    idiosyncratic,
  };
}

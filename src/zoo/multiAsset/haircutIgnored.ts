/**
 * Multi-asset zoo engine "haircut ignored": every asset counts at its full value — weight and
 * target weight 1 — whatever `params.assets` says; sales and their prices are the reference's rule.
 *
 * Bug class: collateral valued at market without the venue's haircut (a "USD value" field reused
 * for margin). On every scenario whose weights are all 1 the engine is the reference.
 *
 * Violates LIQ-031 (haircut monotonicity): halving a weight changes nothing in its equity.
 */
import { Dec } from '../../model/decimal.ts';
import type { AssetParams } from '../../model/types.ts';
import { withInput } from '../support.ts';

const ONE = new Dec(1);

export const haircutIgnored = withInput((sc) => {
  const assets = sc.params.assets;
  if (assets === undefined) return sc;
  const full = new Map<string, AssetParams>();
  for (const [id, a] of assets) full.set(id, { ...a, weight: ONE, targetWeight: ONE });
  return { ...sc, params: { ...sc.params, assets: full } };
});

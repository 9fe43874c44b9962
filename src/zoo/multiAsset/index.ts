/**
 * The multi-asset zoo: deliberately wrong engines whose bug shows only on scenarios with
 * collateral assets (spec §13), each the reference under the scenario's policy with one thing
 * changed. The invariants added or re-scoped for assets (§13.6: LIQ-005, LIQ-007, LIQ-017,
 * LIQ-031, LIQ-032, LIQ-033) are each violated by one of them where the reference is clean
 * (properties/multiAssetZoo.test.ts).
 */
import type { ZooEntry } from '../index.ts';
import { assetsLeftBankrupt } from './assetsLeftBankrupt.ts';
import { discountIgnored } from './discountIgnored.ts';
import { haircutIgnored } from './haircutIgnored.ts';
import { overSell } from './overSell.ts';
import { proceedsRoundedUp } from './proceedsRoundedUp.ts';
import { saleNotDebited } from './saleNotDebited.ts';
import { sellsPastZero } from './sellsPastZero.ts';

export type CollateralRestore = 'none' | 'deficit' | 'target';

/** A zoo entry ({@link ZooEntry}: `violates` lists the ids shown on multi-asset scenarios). */
export interface MultiAssetZooEntry extends Omit<ZooEntry, 'needs'> {
  /** the collateral parts its scenarios are drawn under; any of them when absent */
  readonly collateral?: readonly CollateralRestore[];
}

export const MULTI_ASSET_ZOO: readonly MultiAssetZooEntry[] = [
  { name: 'haircutIgnored', engine: haircutIgnored, bug: 'every asset counted at weight 1 (no haircut)', violates: ['LIQ-031'] },
  { name: 'overSell', engine: overSell, bug: 'the last sale takes one unit more than the goal needs', violates: ['LIQ-032'], collateral: ['deficit', 'target'] },
  { name: 'proceedsRoundedUp', engine: proceedsRoundedUp, bug: 'a sale credits ⌈s·π⌉_u instead of ⌊s·π⌋_u', violates: ['LIQ-032'], collateral: ['deficit', 'target'] },
  { name: 'discountIgnored', engine: discountIgnored, bug: 'a sale credits the full price p instead of π = p·(1 − δ) or p/φ', violates: ['LIQ-032'], collateral: ['deficit', 'target'] },
  { name: 'sellsPastZero', engine: sellsPastZero, bug: 'a sale of a whole balance takes one unit more, leaving the asset negative', violates: ['LIQ-033'], collateral: ['deficit', 'target'] },
  { name: 'assetsLeftBankrupt', engine: assetsLeftBankrupt, bug: 'a flat cross group with a negative quote balance is written off as bad debt while it still holds assets', violates: ['LIQ-005', 'LIQ-017'], collateral: ['none'] },
  { name: 'saleNotDebited', engine: saleNotDebited, bug: 'a sale credits its proceeds but the asset balance is not reduced', violates: ['LIQ-007', 'LIQ-033'], collateral: ['deficit', 'target'] },
];

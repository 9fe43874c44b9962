import { ZERO, type Dec } from './decimal.ts';
import type { ParsedScenario, Position } from './types.ts';

/** A margin group: the cross positions with the collateral pool, or one isolated position. */
export interface MarginGroup {
  /** `"cross"` or the isolated position's market id. */
  readonly id: string;
  readonly collateral: Dec;
  readonly positions: readonly Position[];
}

export const CROSS = 'cross';

/**
 * Splits an account into its margin groups, in processing order: the cross group first, then
 * isolated groups by market id (code-unit order).
 *
 * @see docs/spec.md#4-margin-groups-equity-requirement-trigger
 */
export function marginGroups(s: Pick<ParsedScenario, 'collateral' | 'positions'>): MarginGroup[] {
  const cross = s.positions.filter((p) => p.isolatedMargin === null);
  const isolated = s.positions
    .filter((p) => p.isolatedMargin !== null)
    .sort((a, b) => (a.market < b.market ? -1 : a.market > b.market ? 1 : 0));
  return [
    { id: CROSS, collateral: s.collateral, positions: cross },
    ...isolated.map((p) => ({ id: p.market, collateral: p.isolatedMargin ?? ZERO, positions: [p] })),
  ];
}

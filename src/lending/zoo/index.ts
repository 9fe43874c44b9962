/**
 * The lending zoo: deliberately wrong lending engines, each the reference with one step changed
 * (support.ts), each a realistic bug. Every id of the lending catalog is violated by at least one
 * of them — the evidence that its checks can fail (properties/lendingZoo.test.ts).
 * @see docs/spec.md#11-lending-health-factor
 */
import type { LendingEngine } from '../invariants/invariant.ts';
import { absorbNegativeSupply } from './absorbNegativeSupply.ts';
import { bonusOfDebtAsset } from './bonusOfDebtAsset.ts';
import { bonusTwice } from './bonusTwice.ts';
import { callCounter } from './callCounter.ts';
import { closeFactorIgnored } from './closeFactorIgnored.ts';
import { debtValueFloored } from './debtValueFloored.ts';
import { deficitFirstBorrow } from './deficitFirstBorrow.ts';
import { deficitWithCollateralLeft } from './deficitWithCollateralLeft.ts';
import { dustRuleSkipped } from './dustRuleSkipped.ts';
import { feeOnSeized } from './feeOnSeized.ts';
import { healthBeforeWriteOff } from './healthBeforeWriteOff.ts';
import { seizureHalfUp } from './seizureHalfUp.ts';
import { staleRepaid } from './staleRepaid.ts';
import { triggerAtOne } from './triggerAtOne.ts';

export interface LendingZooEntry {
  readonly name: string;
  readonly engine: LendingEngine;
  /** one line: what is wrong */
  readonly bug: string;
  /** LND ids this engine is shown to violate */
  readonly violates: readonly string[];
}

export const LENDING_ZOO: readonly LendingZooEntry[] = [
  { name: 'triggerAtOne', engine: triggerAtOne, bug: 'liquidates at HF ≤ 1 (W ≤ D) instead of HF < 1', violates: ['LND-001', 'LND-002'] },
  { name: 'debtValueFloored', engine: debtValueFloored, bug: 'debt valued ⌊q·p⌋ instead of ⌈q·p⌉: an account a fraction of a base unit under water looks healthy', violates: ['LND-002', 'LND-013'] },
  { name: 'closeFactorIgnored', engine: closeFactorIgnored, bug: 'the close factor is never applied: one call may repay the whole debt reserve', violates: ['LND-003'] },
  { name: 'bonusTwice', engine: bonusTwice, bug: 'the seizure applies the liquidation bonus twice (r·p_d·LB²/p_c)', violates: ['LND-004', 'LND-010'] },
  { name: 'seizureHalfUp', engine: seizureHalfUp, bug: "the seizure is rounded half-up to the token unit (Aave ≤ v3.6's percentMul), not down", violates: ['LND-004'] },
  { name: 'feeOnSeized', engine: feeOnSeized, bug: 'the protocol fee is its share of the whole seizure, not of the bonus', violates: ['LND-005'] },
  { name: 'staleRepaid', engine: staleRepaid, bug: 'when the collateral runs out, the borrow falls by the debt covered before the cap, not by what was repaid', violates: ['LND-006'] },
  { name: 'absorbNegativeSupply', engine: absorbNegativeSupply, bug: 'absorb leaves a negative base supply instead of a deficit when the credit falls short', violates: ['LND-007', 'LND-006'] },
  { name: 'dustRuleSkipped', engine: dustRuleSkipped, bug: 'the minLeftoverBase rule is never checked', violates: ['LND-008'] },
  { name: 'deficitWithCollateralLeft', engine: deficitWithCollateralLeft, bug: 'debt is written off once the requested collateral is empty, although other collateral remains', violates: ['LND-009'] },
  { name: 'bonusOfDebtAsset', engine: bonusOfDebtAsset, bug: "the seizure reads the debt asset's liquidation bonus instead of the collateral's", violates: ['LND-010', 'LND-004'] },
  { name: 'callCounter', engine: callCounter, bug: 'a call counter rounds the protocol fee down every other call', violates: ['LND-011', 'LND-005'] },
  { name: 'deficitFirstBorrow', engine: deficitFirstBorrow, bug: 'the write-off stops after the first remaining borrow in insertion order', violates: ['LND-012', 'LND-009'] },
  { name: 'healthBeforeWriteOff', engine: healthBeforeWriteOff, bug: 'healthAfter is computed before the deficit write-off (0 instead of null)', violates: ['LND-013'] },
];

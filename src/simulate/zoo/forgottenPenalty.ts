import { Dec, toCanonical } from '../../model/decimal.ts';
import type { LiquidationResult } from '../../model/types.ts';
import { referenceStepEngine } from '../referenceStepEngine.ts';
import type { WrongSimulator } from './wrongSimulator.ts';

/** The result's collateral without the penalty deducted (the fees still paid out): value created. */
export function forgetPenalty(r: LiquidationResult): LiquidationResult {
  let penalty = new Dec(0);
  for (const f of r.fills) penalty = penalty.add(f.penalty);
  if (penalty.isZero()) return r;
  const pos = r.account.positions[0];
  if (pos?.isolatedMargin !== undefined) {
    return { ...r, account: { ...r.account, positions: [{ ...pos, isolatedMargin: toCanonical(penalty.add(pos.isolatedMargin)) }, ...r.account.positions.slice(1)] } };
  }
  return { ...r, account: { ...r.account, collateral: toCanonical(penalty.add(r.account.collateral)) } };
}

export const forgottenPenalty: WrongSimulator = {
  name: 'forgotten-penalty',
  breaks: 'SYS-001',
  description: 'The engine reports the account\'s collateral before the penalty was deducted, while the liquidator and the fund are still paid their fees.',
  options: (setup) => ({ engine: referenceStepEngine(setup, { editResult: forgetPenalty, name: 'forgotten-penalty' }) }),
};

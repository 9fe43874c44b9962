import { Dec, toCanonical } from '../../model/decimal.ts';
import type { LiquidationResult } from '../../model/types.ts';
import { referenceStepEngine } from '../referenceStepEngine.ts';
import type { WrongSimulator } from './wrongSimulator.ts';

/** Moves one quote unit of the first fill's insurance fee to its liquidator fee, and the fund with it. */
export function skewFeeSplit(unit: Dec): (r: LiquidationResult) => LiquidationResult {
  return (r) => {
    const i = r.fills.findIndex((f) => new Dec(f.insuranceFee).gte(unit));
    if (i < 0) return r;
    const f = r.fills[i]!;
    const fill = { ...f, insuranceFee: toCanonical(new Dec(f.insuranceFee).sub(unit)), liquidatorFee: toCanonical(unit.add(f.liquidatorFee)) };
    return { ...r, fills: r.fills.map((x, k) => (k === i ? fill : x)), insuranceFund: toCanonical(new Dec(r.insuranceFund).sub(unit)) };
  };
}

export const feeSplitSkew: WrongSimulator = {
  name: 'fee-split-skew',
  breaks: 'SYS-010',
  description: 'An engine that rounds the liquidator\'s share up, not down: one quote unit per liquidation moves from the fund to the keeper. Its results are self-consistent (S8 settles them, value is conserved), so only the differential against the reference sees it.',
  options: (setup) => ({ engine: referenceStepEngine(setup, { name: 'fee-split-skew', editResult: skewFeeSplit(setup.unit) }) }),
};

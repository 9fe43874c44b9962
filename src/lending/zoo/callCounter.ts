/**
 * Lending zoo engine "call counter": every other call rounds the protocol fee down instead of up.
 *
 * Bug class: state that leaks between calls (a module-level counter, cache or accrual index), so
 * the same scenario gives different results on different calls. Precedent: realistic, no report
 * found (the perpetuals zoo's `nondeterministic` is the same class).
 *
 * Violates LND-011 (determinism) and, on its odd calls, LND-005 (the fee rounded down).
 */
import { FONE, floorDiv } from '../../model/fixed.ts';
import { protocolFee } from '../protocolFee.ts';
import { lendingEngineWith } from './support.ts';

let calls = 0;

export const callCounter = lendingEngineWith({
  protocolFee: (asset, seized, rounding) => {
    calls++;
    if (calls % 2 === 0) return protocolFee(asset, seized, rounding);
    const { liquidationBonus: lb, protocolFee: f, unit } = asset;
    return floorDiv(seized.mul(lb.sub(FONE)).mul(f), lb.mul(unit)).mul(unit);
  },
});

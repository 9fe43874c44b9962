/**
 * Lending zoo engine "seizure half-up": the collateral seized is rounded half-up to the token
 * unit instead of down, as Aave v3.0–v3.6's `percentMul` did.
 *
 * Bug class: nearest rounding on an amount paid out. "Half-up rounding is non-deterministic in
 * which party it favors … A sophisticated liquidator can choose a precise debtToCover value to
 * systematically land the rounding in their favor" (aave-dao/aave-v3-origin
 * docs/3.7/liquidation-rounding.md, the v3.7 fix to `percentMulFloor`).
 *
 * Violates LND-004 (seizure bounded by the bonus and the balance).
 */
import { Fixed, floorDiv } from '../../model/fixed.ts';
import { seize } from '../seize.ts';
import { lendingEngineWith } from './support.ts';

const HALF = new Fixed(5n, 1);

export const seizureHalfUp = lendingEngineWith({
  seize: (market, d, c, repaid, balance, rounding) => {
    const exact = seize(market, d, c, repaid, balance, rounding);
    if (exact.exhausted) return exact;
    const pd = market.prices.get(d)!;
    const pc = market.prices.get(c)!;
    const { unit, liquidationBonus } = market.assets.get(c)!;
    // ⌊x/u + 1/2⌋ · u: half-up to the unit.
    const units = floorDiv(repaid.mul(pd).mul(liquidationBonus).add(HALF.mul(pc).mul(unit)), pc.mul(unit));
    const seized = units.mul(unit);
    return seized.lte(balance) ? { ...exact, seized } : exact;
  },
});

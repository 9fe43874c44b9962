/**
 * The collateral a covered debt buys, with the bonus, capped by the balance (spec §11.5).
 *
 * @remarks Why three orders: every venue rounds down, but in its own steps, and a step moves the
 * result by one token unit. `exact` takes one exact quotient (the spec's default, the tightest
 * bound for I4); `aave` converts the debt to collateral and then applies the bonus, each floored
 * (Aave v3.7 `percentMulFloor`); `morpho` applies the incentive to the debt, then converts
 * (`wMulDown`, then `mulDivDown`). A venue's published vectors match only its own order.
 * @see docs/spec.md#115-collateral-seized
 */
import { FONE, ceilDiv, floorDiv, type Fixed } from '../model/fixed.ts';
import type { SeizeRounding } from '../wire/lending.ts';
import type { FMarket } from './types.ts';

export interface Seizure {
  /** `s`: collateral leaving the account, the protocol fee included */
  readonly seized: Fixed;
  /** `r`: the debt repaid, lowered when the collateral ran out */
  readonly repaid: Fixed;
  /** the collateral ran out (`s₀ > a_c`): outside the domain of I4 (spec §11.11) */
  readonly exhausted: boolean;
}

/**
 * `s₀` rounded down to `u_c` (the liquidator gets less); when `s₀ > a_c`, `s = a_c` and the debt
 * that buys it rounded up to `u_d` (the liquidator pays more).
 */
export function seize(market: FMarket, debtAsset: string, collateralAsset: string, repaid: Fixed, balance: Fixed, rounding: SeizeRounding = 'exact'): Seizure {
  const pd = market.prices.get(debtAsset)!;
  const pc = market.prices.get(collateralAsset)!;
  const { unit: uc, liquidationBonus: lb } = market.assets.get(collateralAsset)!;
  const ud = market.assets.get(debtAsset)!.unit;
  const floorToUnit = (x: Fixed, over: Fixed, unit: Fixed): Fixed => floorDiv(x, over.mul(unit)).mul(unit);
  const ceilToUnit = (x: Fixed, over: Fixed, unit: Fixed): Fixed => ceilDiv(x, over.mul(unit)).mul(unit);

  let s0: Fixed;
  if (rounding === 'aave') s0 = floorToUnit(floorToUnit(repaid.mul(pd), pc, uc).mul(lb), FONE, uc);
  else if (rounding === 'morpho') s0 = floorToUnit(floorToUnit(repaid.mul(lb), FONE, ud).mul(pd), pc, uc);
  else s0 = floorToUnit(repaid.mul(pd).mul(lb), pc, uc);
  if (s0.lte(balance)) return { seized: s0, repaid, exhausted: false };

  let needed: Fixed;
  if (rounding === 'aave') needed = ceilToUnit(floorToUnit(balance.mul(pc), pd, ud), lb, ud);
  else if (rounding === 'morpho') needed = ceilToUnit(ceilToUnit(balance.mul(pc), pd, ud), lb, ud);
  else needed = ceilToUnit(balance.mul(pc), pd.mul(lb), ud);
  return { seized: balance, repaid: needed, exhausted: true };
}

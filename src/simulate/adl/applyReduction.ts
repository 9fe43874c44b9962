/**
 * The one place where an ADL reduction changes an account (spec S9): used by `deleverage` to
 * compute residues and by the driver (and judge) to apply the reduction.
 *
 * @remarks Reducing at the bankruptcy price is a trade with the market at the mark plus a
 * transfer of `a·g`; the collateral moves by the realized PnL of the reduced part less the
 * transfer, floored to the quote unit so it stays on the grid. The floor's residue `ρ ∈ [0, u)`
 * goes to the fund, as a fill's PnL residue does (spec §7.2).
 */
import { type Dec, floorTo } from '../../model/decimal.ts';
import type { AccountState, AdlReduction } from '../stepEngine.ts';

/** `{change, residue}`: `change = ⌊sgn(q)·a·(m − e) − transfer⌋_u`, `residue = exact − change`. */
export function reductionChange(size: Dec, entry: Dec, reduced: Dec, transfer: Dec, mark: Dec, unit: Dec): { readonly change: Dec; readonly residue: Dec } {
  const pnl = mark.sub(entry).mul(reduced);
  const exact = (size.isNegative() ? pnl.neg() : pnl).sub(transfer);
  const change = floorTo(exact, unit);
  return { change, residue: exact.sub(change) };
}

/**
 * The account after reduction `r` at `mark`: its new collateral and size (entry unchanged), and
 * the floor residue, which `deleverage` already counted in the event's `toFund` (the driver pays
 * the fund `toFund` once, not the residues again).
 */
export function applyReduction(account: AccountState, r: AdlReduction, mark: Dec, unit: Dec): { collateral: Dec; size: Dec; residue: Dec } {
  const { change, residue } = reductionChange(account.size, account.entry, r.size, r.transfer, mark, unit);
  const size = account.size.isNegative() ? account.size.add(r.size) : account.size.sub(r.size);
  return { collateral: account.collateral.add(change), size, residue };
}

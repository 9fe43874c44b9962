/**
 * What "nothing moved" means for a lending result (spec §11.10: a healthy or reverted result has
 * empty movements and the account unchanged), shared by LND-001 and LND-008.
 * @internal
 */
import { toCanonical as s } from '../../model/fixed.ts';
import { amount, assetsOf, type LendingView } from './lendingView.ts';

/** One message per non-empty movement (repaid, seized, fee, liquidator, deficit, reserves). */
export function movements(v: LendingView): string[] {
  const out: string[] = [];
  const each = [['repaid', v.repaid], ['seized', v.seized], ['protocolFee', v.protocolFee], ['liquidatorReceives', v.liquidatorReceives], ['deficit', v.deficit]] as const;
  for (const [name, m] of each) {
    const ids = assetsOf(m);
    if (ids.length > 0) out.push(`${name} is ${ids.map((k) => `${k} ${s(amount(m, k))}`).join(', ')}`);
  }
  const r0 = v.input.reserves;
  if (r0 !== undefined && v.reserves !== undefined && !v.reserves.eq(r0)) out.push(`reserves went from ${s(r0)} to ${s(v.reserves)}`);
  return out;
}

/** One message per balance that differs between the scenario's account and the result's. */
export function unchangedAccount(v: LendingView): string[] {
  const out: string[] = [];
  for (const side of ['supplies', 'borrows'] as const) {
    const before = v.input.account[side];
    const after = v.after[side];
    for (const k of assetsOf(before, after)) {
      if (!amount(before, k).eq(amount(after, k))) out.push(`${side}[${k}] went from ${s(amount(before, k))} to ${s(amount(after, k))}`);
    }
  }
  return out;
}

import { toCanonical as s } from '../../model/fixed.ts';
import type { LendingOutputInvariant } from './invariant.ts';
import { amount, assetsOf } from './lendingView.ts';

/**
 * LND-009 — debt is written off only when no collateral is left, and then all of it.
 *
 * @remarks Domain: status liquidated. Under close-factor rules a deficit needs `deficit: true`
 * and a collateral value of zero after the call, `Σ_{collateral i} ⌊a'_i · p_i⌋_b = 0` (spec
 * §11.8; a dust supply worth less than one base unit counts as none, as Aave's
 * `hasNoCollateralLeft`); then every remaining borrow is written off and none stays. Under absorb
 * the deficit is the part of the one debt the credit did not cover: only in the debt asset,
 * at most the debt, and never beside a credited supply of it.
 * @see docs/spec.md#118-deficit
 */
export const deficitOnlyWhenEmpty: LendingOutputInvariant = {
  kind: 'output',
  id: 'LND-009',
  title: 'deficit only when no collateral is left',
  statement: 'Debt is written off as deficit only when the rules allow it and the account has no collateral value left after the call; and when it has none, every remaining borrow is written off (no debt stays on an account with nothing to liquidate).',
  domain: 'Status liquidated. Counter-cases in real engines: Aave v3.3 self-liquidation with receiveAToken can create a deficit while collateral remains; a dust supply in a second reserve blocks Aave\'s deficit (docs/3.3/Aave-v3.3-properties.md, "griefing via dust collateral" in Aave v4).',
  spec: '#118-deficit',
  presumes: ['close-factor', 'absorb'],
  check: (c) => {
    const v = c.view;
    if (v.status !== 'liquidated') return [];
    const written = assetsOf(v.deficit);
    const out: string[] = [];
    const rules = v.input.rules;
    if (rules.kind === 'absorb') {
      const debts = assetsOf(v.input.account.borrows);
      for (const k of written) {
        if (!debts.includes(k)) out.push(`deficit[${k}] = ${s(amount(v.deficit, k))} on an asset the account did not borrow`);
        else if (amount(v.deficit, k).gt(amount(v.input.account.borrows, k))) out.push(`deficit[${k}] = ${s(amount(v.deficit, k))} exceeds the debt ${s(amount(v.input.account.borrows, k))}`);
        else if (amount(v.after.supplies, k).sign() > 0) out.push(`deficit[${k}] = ${s(amount(v.deficit, k))} beside a credited supply ${s(amount(v.after.supplies, k))} of it`);
      }
      return out;
    }
    const left = v.valueAfter.collateral;
    if (written.length > 0) {
      const what = written.map((k) => `${k} ${s(amount(v.deficit, k))}`).join(', ');
      if (!rules.deficit) out.push(`deficit ${what} written off, but the rules have no deficit`);
      if (left.sign() > 0) out.push(`deficit ${what} written off while collateral worth ${s(left)} is left`);
    }
    const remaining = assetsOf(v.after.borrows);
    if (rules.deficit && left.isZero() && remaining.length > 0) {
      out.push(`no collateral value is left but the borrows ${remaining.map((k) => `${k} ${s(amount(v.after.borrows, k))}`).join(', ')} were not written off`);
    }
    return out;
  },
};

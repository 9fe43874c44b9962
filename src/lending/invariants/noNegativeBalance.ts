import { toCanonical as s } from '../../model/fixed.ts';
import type { LendingOutputInvariant } from './invariant.ts';

/**
 * LND-007 — no balance or amount is negative.
 *
 * @remarks Domain: every scenario. Supplies and borrows after, and every movement (repaid,
 * seized, fee, liquidator, deficit), are token amounts ≥ 0. Only the reserves of absorb may be
 * negative (Compound's `getReserves` is signed): they are not a balance of the account.
 * @see docs/spec.md#1110-result-and-rounding-summary
 */
export const noNegativeBalance: LendingOutputInvariant = {
  kind: 'output',
  id: 'LND-007',
  title: 'no balance negative',
  statement: 'No supply or borrow of the account after the call, and no repaid, seized, protocol-fee, liquidator or deficit amount, is negative; a shortfall is a deficit, never a negative balance.',
  domain: 'All scenarios (the reserves of absorb excepted: a signed protocol figure). Counter-case in real engines: Compound v3 clamps the absorbed balance at zero (`newBalance < 0 → 0`, compound-finance/comet contracts/Comet.sol absorbInternal) and books the rest against reserves.',
  spec: '#1110-result-and-rounding-summary',
  presumes: ['close-factor', 'absorb'],
  check: (c) => {
    const v = c.view;
    const out: string[] = [];
    const each = [
      ['account.supplies', v.after.supplies],
      ['account.borrows', v.after.borrows],
      ['repaid', v.repaid],
      ['seized', v.seized],
      ['protocolFee', v.protocolFee],
      ['liquidatorReceives', v.liquidatorReceives],
      ['deficit', v.deficit],
    ] as const;
    for (const [name, m] of each) for (const [k, x] of m) if (x.sign() < 0) out.push(`${name}[${k}] is negative: ${s(x)}`);
    return out;
  },
};

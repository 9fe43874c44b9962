/**
 * Lending zoo engine "deficit first borrow": the bad-debt write-off stops after the first
 * remaining borrow in the account's insertion order.
 *
 * Bug class: an early `break` in a loop over a map, so which debt is written off — and which
 * stays on an account with no collateral — depends on the order the borrows were listed. Aave
 * burns every remaining debt reserve (`_burnBadDebt`, aave-dao/aave-v3-origin
 * src/contracts/protocol/libraries/logic/LiquidationLogic.sol). Precedent: realistic, no report
 * found.
 *
 * Violates LND-012 (input-order independence) and LND-009 (deficit in full once no collateral is left).
 */
import type { Fixed } from '../../model/fixed.ts';
import { writeOff } from '../deficit.ts';
import { lendingEngineWith } from './support.ts';

export const deficitFirstBorrow = lendingEngineWith({
  writeOff: (market, account) => {
    const full = writeOff(market, account);
    const first = [...account.borrows].find(([, q]) => !q.isZero());
    if (full.deficit.size <= 1 || first === undefined) return full;
    const borrows = new Map(account.borrows);
    borrows.delete(first[0]);
    return { account: { supplies: account.supplies, borrows }, deficit: new Map<string, Fixed>([first]) };
  },
});

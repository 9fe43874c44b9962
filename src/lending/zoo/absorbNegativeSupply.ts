/**
 * Lending zoo engine "absorb negative supply": under absorb, a credit short of the debt leaves the
 * account a negative supply of the base asset instead of a deficit absorbed by the reserves.
 *
 * Bug class: a signed balance not clamped where the model has no negative balances. Compound v3
 * clamps it: `absorbInternal` sets the new principal to zero when the credit falls short and books
 * the rest against reserves (compound-finance/comet contracts/Comet.sol). Precedent: realistic,
 * no report found.
 *
 * Violates LND-007 (no balance negative) and LND-006 (the reserves pay a credit that the supply does not show).
 */
import { FZERO } from '../../model/fixed.ts';
import { absorb } from '../absorb.ts';
import { lendingEngineWith } from './support.ts';

export const absorbNegativeSupply = lendingEngineWith({
  absorb: (market, account, reserves) => {
    const a = absorb(market, account, reserves);
    const [asset, shortfall] = [...a.deficit][0] ?? [];
    if (asset === undefined || shortfall === undefined) return a;
    const supplies = new Map(a.account.supplies);
    supplies.set(asset, FZERO.sub(shortfall));
    return { ...a, deficit: new Map(), account: { ...a.account, supplies } };
  },
});

import { toCanonical as s } from '../../model/fixed.ts';
import { isLiquidatable } from '../healthFactor.ts';
import type { LendingOutputInvariant } from './invariant.ts';
import { movements, unchangedAccount } from './unchanged.ts';

/**
 * LND-001 — healthy accounts are untouched.
 *
 * @remarks Domain: every scenario whose account is not liquidatable by spec §11.3 (`D = 0` or
 * `W ≥ D`, i.e. HF ≥ 1, compared exactly). The boundary `W = D` is healthy: Aave liquidates only
 * below 1 (`HF < 1e18`), Morpho treats `maxBorrow ≥ borrowed` as healthy.
 * @see docs/spec.md#113-health-factor-and-trigger
 */
export const healthyUntouched: LendingOutputInvariant = {
  kind: 'output',
  id: 'LND-001',
  title: 'healthy accounts untouched',
  statement: 'An account with HF ≥ 1 (W ≥ D exactly, or no debt) is reported healthy: nothing is repaid, seized, paid or written off, its supplies and borrows are unchanged and its health factor is the same after as before.',
  domain: 'All scenarios whose account is not liquidatable (spec §11.3). Counter-case in real engines: Euler v2 liquidates at CAV ≤ LV (equality liquidatable); Aave and Morpho keep equality healthy, as this model does.',
  spec: '#113-health-factor-and-trigger',
  presumes: ['close-factor', 'absorb'],
  check: (c) => {
    const v = c.view;
    if (isLiquidatable(v.valueBefore)) return [];
    const why = v.valueBefore.debt.isZero() ? 'no debt' : `W = ${s(v.valueBefore.weighted)} ≥ D = ${s(v.valueBefore.debt)}`;
    const out: string[] = [];
    if (v.status !== 'healthy') out.push(`the account is healthy (${why}) but the status is ${v.status}`);
    for (const m of movements(v)) out.push(`the account is healthy (${why}) but ${m}`);
    for (const m of unchangedAccount(v)) out.push(`the account is healthy (${why}) but ${m}`);
    if (c.result.healthAfter !== c.result.healthBefore) out.push(`the account is healthy (${why}) but healthAfter ${String(c.result.healthAfter)} ≠ healthBefore ${String(c.result.healthBefore)}`);
    return out;
  },
};

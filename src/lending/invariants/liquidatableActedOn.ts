import { toCanonical as s } from '../../model/fixed.ts';
import { isLiquidatable } from '../healthFactor.ts';
import type { LendingOutputInvariant } from './invariant.ts';

/**
 * LND-002 — a liquidatable account is acted on.
 *
 * @remarks Domain: every scenario whose account is liquidatable by spec §11.3 (`D > 0` and
 * `W < D`, HF < 1, exactly, on values rounded against the account: collateral down, debt up).
 * With LND-001 it pins the trigger from both sides: liquidated (or reverted by the dust rule)
 * exactly when HF < 1.
 * @see docs/spec.md#113-health-factor-and-trigger
 */
export const liquidatableActedOn: LendingOutputInvariant = {
  kind: 'output',
  id: 'LND-002',
  title: 'liquidated exactly when HF < 1',
  statement: 'An account with HF < 1 (W < D, values rounded against the account) is never reported healthy: the call liquidates it, or reverts under the dust rule; a liquidation happens only on such an account.',
  domain: 'All scenarios whose account is liquidatable (spec §11.3). Counter-case in real engines: Compound v3 values the debt rounded toward zero, so an account one base unit under water can be reported healthy (spec §11.9 note).',
  spec: '#113-health-factor-and-trigger',
  presumes: ['close-factor', 'absorb'],
  check: (c) => {
    const v = c.view;
    const before = v.valueBefore;
    if (!isLiquidatable(before)) {
      return v.status === 'liquidated' ? [`the account is not liquidatable (W = ${s(before.weighted)}, D = ${s(before.debt)}) but the status is liquidated`] : [];
    }
    return v.status === 'healthy' ? [`the account is liquidatable (W = ${s(before.weighted)} < D = ${s(before.debt)}) but is reported healthy`] : [];
  },
};

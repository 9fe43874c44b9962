import { healthFactor } from '../healthFactor.ts';
import type { LendingOutputInvariant } from './invariant.ts';

/**
 * LND-013 — the reported health factors are those of the balances before and after.
 *
 * @remarks Domain: every scenario. `healthBefore = ⌊W/D⌋_{10^−18}` on the scenario's account and
 * `healthAfter` the same on the result's account, `null` when no debt is left (spec §11.3): the
 * diagnostic a dashboard or a keeper reads must describe the state the call leaves.
 * @see docs/spec.md#113-health-factor-and-trigger
 */
export const healthReported: LendingOutputInvariant = {
  kind: 'output',
  id: 'LND-013',
  title: 'health factors reported for the state they describe',
  statement: 'healthBefore is ⌊W/D⌋ to 10^−18 of the account before and healthAfter that of the account the result reports (after any write-off), null exactly when no debt is left.',
  domain: 'All scenarios.',
  spec: '#113-health-factor-and-trigger',
  presumes: ['close-factor', 'absorb'],
  check: (c) => {
    const out: string[] = [];
    const before = healthFactor(c.view.valueBefore);
    const after = healthFactor(c.view.valueAfter);
    if (c.result.healthBefore !== before) out.push(`healthBefore is ${String(c.result.healthBefore)}, but the account before has HF ${String(before)}`);
    if (c.result.healthAfter !== after) out.push(`healthAfter is ${String(c.result.healthAfter)}, but the account the result reports has HF ${String(after)}`);
    return out;
  },
};

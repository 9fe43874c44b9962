/**
 * The collateral part of a policy, parsed (spec §13.4). The schema (src/wire/policy/collateral.ts)
 * has checked the kind and `restore` already; `none` is the default, stored as absent so that every
 * policy written before §13 keeps its parsed shape.
 * @see docs/spec.md#134-collateral-step-policy-part-collateral
 */
import type { Collateral } from '../../wire/policy/collateral.ts';
import type { FCollateral } from '../policy.ts';

export function parseCollateral(w: Collateral): FCollateral | undefined {
  return w.kind === 'none' ? undefined : Object.freeze({ kind: 'sell', restore: w.restore });
}

/** The loss part of a policy, parsed (spec §10.6). @see docs/spec.md#106-loss */
import type { Loss } from '../../wire/policy/loss.ts';
import type { FLoss } from '../policy.ts';

export function parseLoss(w: Loss): FLoss {
  return { kind: w.kind };
}

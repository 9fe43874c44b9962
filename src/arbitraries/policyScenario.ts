/**
 * Scenarios under a declared policy (spec §10): the drawn scenario with the policy stamped in,
 * and the inputs the policy reads — order books when its price part is "book", the liquidator's
 * requests when its close size is "requested" — drawn for the markets the account holds.
 * @see docs/spec.md#10-policies
 */
import fc from 'fast-check';
import type { Scenario } from '../model/types.ts';
import type { FPolicy } from '../policy/policy.ts';
import type { Policy } from '../wire/policy.ts';
import { bookFor } from './book.ts';
import { requestsFor } from './requests.ts';

/**
 * `base` under `policy` (its wire form `wire`, stamped into every scenario). The reference policy
 * without a name leaves the scenarios exactly as drawn, so its runs and fixtures do not change.
 */
export function scenariosUnder(policy: FPolicy, wire: Policy, base: fc.Arbitrary<Scenario>): fc.Arbitrary<Scenario> {
  if (policy.isReference && wire.name === undefined) return base;
  return base.chain((s) =>
    fc
      .record({
        book: policy.price.kind === 'book' ? bookFor(s).map((b) => ({ book: b })) : fc.constant({}),
        requests: policy.closeSize.kind === 'requested' ? requestsFor(s, policy.closeSize).map((r) => ({ requests: r })) : fc.constant({}),
      })
      .map(({ book, requests }): Scenario => Object.freeze({ ...s, policy: wire, ...book, ...requests })),
  );
}

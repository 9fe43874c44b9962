/** The execution-price part of a policy, parsed (spec §10.4). @see docs/spec.md#104-execution-price */
import type { ExecutionPrice } from '../../wire/policy/executionPrice.ts';
import type { FPrice } from '../policy.ts';

export function parsePrice(w: ExecutionPrice): FPrice {
  if (w.kind === 'book') return { kind: 'book', remainder: w.remainder };
  return { kind: w.kind };
}

/**
 * Balances at the edge (spec §11.10): canonical decimals, non-zero entries only, keys in
 * ascending code-unit order so that equal results serialise alike.
 * @internal
 */
import { toCanonical } from '../model/fixed.ts';
import type { Balances } from './types.ts';

export function amountsOf(balances: Balances): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of [...balances.keys()].sort()) {
    const x = balances.get(key)!;
    if (!x.isZero()) out[key] = toCanonical(x);
  }
  return out;
}

/**
 * Zoo engine "ratio toward zero": the reported margin ratio `E/MM` is truncated toward zero at 18
 * places instead of rounded down (spec §1.3, §8).
 *
 * Bug class: integer division that truncates (Rust, Go, Solidity `/` on signed integers) used
 * where the spec floors. The two agree on every non-negative ratio and on every ratio that
 * terminates within 18 places; they differ by 10^−18 on a negative ratio such as −1/3, which a
 * generator that solves `E = ρ·MM` for short decimals `ρ` never produces.
 *
 * Violates LIQ-017 (diagnostics consistent: the margin ratio is `⌊E/MM⌋_{10^−18}`).
 */
import { Dec, toCanonical } from '../model/decimal.ts';
import type { Engine, GroupSnapshot } from '../model/types.ts';
import { withResult } from './support.ts';

function truncated(h: GroupSnapshot): GroupSnapshot {
  const mm = new Dec(h.maintenance);
  if (mm.isZero()) return h;
  return { ...h, marginRatio: toCanonical(new Dec(h.equity).div(mm).toDecimalPlaces(18, Dec.ROUND_DOWN)) };
}

export const ratioTowardZero: Engine = withResult((r) => ({ ...r, groups: r.groups.map((g) => ({ ...g, before: truncated(g.before), after: truncated(g.after) })) }));

/**
 * Zoo engine "one lot short": a partial liquidation closes one lot less than the minimal close
 * (when that still leaves something to close).
 *
 * Bug class: an off-by-one in the size rounding — `⌊Δ*⌋_lot` where `⌈Δ*⌉_lot` is meant, or a
 * `<` for a `≤` in the candidate loop — so the account is left just short of the target and is
 * liquidated again on the next tick (the "liquidation cascade by a hair" seen in early perp DEXs).
 *
 * Violates LIQ-003 (post-liquidation safety).
 */
import { minimalClose } from '../model/minimalClose.ts';
import { tiersOf } from '../model/groupHealth.ts';
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

export const oneLotShort: Engine = withRules({
  minimalClose: (v, g, market, rate) => {
    const m = minimalClose(v, g, market, rate);
    const { lot } = tiersOf(v, market);
    return m.kind === 'partial' && m.size.gt(lot) ? { kind: 'partial', size: m.size.sub(lot) } : m;
  },
});

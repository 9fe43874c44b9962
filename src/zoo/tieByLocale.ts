/**
 * Zoo engine "tie by locale": equal notionals are ordered by `localeCompare` of the market ids,
 * not by code-unit order as spec §6.2 says — so `kPEPE-PERP` comes before `LINK-PERP` here and
 * after `XRP-PERP` in the reference.
 *
 * Bug class: sorting identifiers with a locale collation (`a.localeCompare(b)`, `Intl.Collator`,
 * a database's default collation) where a byte order is specified. Both agree on upper-case ids,
 * so the bug needs an exact tie between a lower-case-prefixed id (Hyperliquid's `kPEPE`,
 * `kSHIB`) and one that collates after it — which random accounts under a two-market profile
 * never produce.
 *
 * Violates LIQ-004 (the order by notional, ties by market id).
 */
import { closeFill } from '../model/closeFill.ts';
import { notionalOf, type Valuation } from '../model/groupHealth.ts';
import type { MarginGroup } from '../model/marginGroup.ts';
import { minimalClose } from '../model/minimalClose.ts';
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

/** The next position the buggy order visits among those still open. */
function next(v: Valuation, g: MarginGroup): string {
  return [...g.positions].sort((a, b) => notionalOf(v, b).cmp(notionalOf(v, a)) || a.market.localeCompare(b.market))[0]!.market;
}

// liquidateGroup visits markets in the reference order; both steps redirect to the buggy one.
export const tieByLocale: Engine = withRules({
  minimalClose: (v, g, _market, rate) => {
    const market = next(v, g);
    const m = minimalClose(v, g, market, rate);
    // A full close is passed on as a "partial" of the whole size: the caller would size it from
    // the market it visits, not from the one redirected to.
    return m.kind === 'none' ? { kind: 'partial', size: g.positions.find((p) => p.market === market)!.size.abs() } : m;
  },
  closeFill: (v, g, _market, size, rate) => closeFill(v, g, next(v, g), size, rate),
});

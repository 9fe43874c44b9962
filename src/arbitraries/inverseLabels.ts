/**
 * Coverage labels of scenarios on inverse markets (spec §12), from the scenario and the
 * reference's outcome, so that the inverse generator's reach is measured ({@link inverseAccount}).
 * @see docs/spec.md#12-inverse-contracts
 */
import { Dec } from '../model/decimal.ts';
import { ceilTo, FZERO, Fixed, fromDec } from '../model/fixed.ts';
import { type FContract, valueOf } from '../model/contract.ts';
import type { Outcome, Scenario } from '../model/types.ts';

/** Every label {@link inverseLabels} can return, in display order. */
export const INVERSE_LABELS = [
  'healthy',
  'partial',
  'full',
  'bankrupt',
  'at-trigger-boundary',
  'one-unit-below-boundary',
  'one-unit-above-boundary',
  'negative-equity',
  'bankruptcy-fallback',
  'tier-edge',
  'coin-loss',
  'one-tick-price',
  'long',
  'short',
  'cross',
  'isolated',
  'multi-cross',
] as const;

export type InverseLabel = (typeof INVERSE_LABELS)[number];

const fx = (s: string): Fixed => fromDec(new Dec(s));

interface WireMarket {
  readonly lotSize: string;
  readonly tickSize: string;
  readonly tiers: readonly { readonly notionalFloor: string }[];
  readonly contract?: { readonly kind: string; readonly value?: string };
}

function contractOf(m: WireMarket): FContract {
  return m.contract?.kind === 'inverse' ? { kind: 'inverse', value: fx(m.contract.value!) } : { kind: 'linear' };
}

/**
 * Whether the reference's outcome has a fill in §12.4's no-solution branch: a fill of an inverse
 * market under the `bankruptcy` price part that closes, in full, the only position of its group,
 * where the bound `K = ⌈−C⌉_u` of that close (`B = C`, the group's collateral: `MM′ = 0`) gives
 * `D = r·v − K·e ≤ 0` for a long or `D′ = r·v + K·e ≤ 0` for a short, and which the reference
 * filled at the mark. Only these closes are observed: for a group of several positions `K`
 * depends on the requirement left (§10.4), which this check does not recompute.
 */
export function reachesInverseFallback(s: Scenario, outcome: Outcome): boolean {
  if (!outcome.ok) return false;
  const policy = (s as { readonly policy?: { readonly price?: { readonly kind?: string } } }).policy;
  if (policy?.price?.kind !== 'bankruptcy') return false;
  const positions = s.account.positions;
  const cross = positions.filter((q) => q.isolatedMargin === undefined);
  const unit = new Fixed(1n, s.params.quoteScale);
  return positions.some((q) => {
    const m = s.params.markets[q.market] as WireMarket | undefined;
    if (m === undefined) return false;
    const c = contractOf(m);
    if (c.kind !== 'inverse') return false;
    const alone = q.isolatedMargin !== undefined || cross.length === 1;
    if (!alone) return false;
    const fill = outcome.result.fills.find((f) => f.market === q.market);
    const size = fx(q.size);
    if (fill === undefined || !fx(fill.size).eq(size.abs()) || !fx(fill.price).eq(fx(s.marks[q.market]!))) return false;
    const collateral = fx(q.isolatedMargin ?? s.account.collateral);
    const k = ceilTo(collateral.neg(), unit);
    const rv = size.abs().mul(c.value);
    const e = fx(q.entryPrice);
    const d = size.sign() > 0 ? rv.sub(k.mul(e)) : rv.add(k.mul(e));
    return d.sign() <= 0;
  });
}

/** Whether `|q|` is one lot or less from a tier floor `L_n` (n ≥ 1) by value at `price`: `N(|q| − ℓ) < L ≤ N(|q| + ℓ)`. */
function nearFloor(m: WireMarket, c: FContract, abs: Fixed, price: Fixed, unit: Fixed): boolean {
  const lot = fx(m.lotSize);
  const below = abs.gt(lot) ? valueOf(c, abs.sub(lot), price, unit) : FZERO;
  const above = valueOf(c, abs.add(lot), price, unit);
  return m.tiers.slice(1).some((t) => {
    const floor = fx(t.notionalFloor);
    return below.lt(floor) && floor.lte(above);
  });
}

/** The labels of one scenario on inverse markets, given the reference's outcome on it. */
export function inverseLabels(s: Scenario, outcome: Outcome): string[] {
  const labels = new Set<string>();
  const unit = new Fixed(1n, s.params.quoteScale);
  if (!outcome.ok) labels.add('invalid');
  else {
    const r = outcome.result;
    labels.add(r.status);
    for (const g of r.groups) {
      const e = fx(g.before.equity);
      const mm = fx(g.before.maintenance);
      if (mm.sign() <= 0) continue;
      if (e.eq(mm)) labels.add('at-trigger-boundary');
      if (e.eq(mm.sub(unit))) labels.add('one-unit-below-boundary');
      if (e.eq(mm.add(unit))) labels.add('one-unit-above-boundary');
      if (e.sign() < 0) labels.add('negative-equity');
    }
    if (reachesInverseFallback(s, outcome)) labels.add('bankruptcy-fallback');
  }
  const positions = s.account.positions;
  for (const q of positions) {
    const m = s.params.markets[q.market] as WireMarket;
    const c = contractOf(m);
    const size = fx(q.size);
    const mark = fx(s.marks[q.market]!);
    const entry = fx(q.entryPrice);
    labels.add(size.sign() > 0 ? 'long' : 'short');
    labels.add(q.isolatedMargin === undefined ? 'cross' : 'isolated');
    if (mark.eq(fx(m.tickSize))) labels.add('one-tick-price');
    if (size.sign() > 0 && mark.mul(new Fixed(2n, 0)).lte(entry)) labels.add('coin-loss');
    if (nearFloor(m, c, size.abs(), mark, unit) || nearFloor(m, c, size.abs(), entry, unit)) labels.add('tier-edge');
  }
  if (positions.filter((q) => q.isolatedMargin === undefined).length >= 2) labels.add('multi-cross');
  const rank = (l: string): number => {
    const i = (INVERSE_LABELS as readonly string[]).indexOf(l);
    return i < 0 ? INVERSE_LABELS.length : i;
  };
  return [...labels].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

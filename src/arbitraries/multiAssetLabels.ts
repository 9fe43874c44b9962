/**
 * Coverage labels of scenarios with collateral assets (spec §13), from the scenario and the
 * reference's outcome, so that the multi-asset generator's reach is measured
 * ({@link multiAssetAccount}); the fixture flags of §13 read the same observations.
 * @see docs/spec.md#13-multi-asset-collateral-hybrid-margin
 */
import { Dec } from '../model/decimal.ts';
import { FONE, Fixed, fromDec } from '../model/fixed.ts';
import type { Outcome, Scenario } from '../model/types.ts';

/** Every label {@link multiAssetLabels} can return, in display order. */
export const MULTI_ASSET_LABELS = [
  'healthy',
  'partial',
  'full',
  'bankrupt',
  'at-trigger-boundary',
  'one-unit-below-boundary',
  'one-unit-above-boundary',
  'at-target-boundary',
  'one-unit-below-target',
  'one-unit-above-target',
  'quote-debt',
  'healthy-quote-debt',
  'collateral-sold',
  'deficit-covered-exactly',
  'deficit-one-unit-short',
  'sale-crosses-zero',
  'collateral-exhausted',
  'asset-cannot-help',
  'zero-weight-asset',
  'one-unit-price',
  'order-tie',
  'several-assets',
  'token-only',
  'with-positions',
] as const;

export type MultiAssetLabel = (typeof MULTI_ASSET_LABELS)[number];

const fx = (s: string): Fixed => fromDec(new Dec(s));

interface WireAsset {
  readonly unit: string;
  readonly weight: string;
  readonly targetWeight?: string;
  readonly discount?: string;
  readonly feeFactor?: string;
}

interface AssetView {
  readonly assets?: Readonly<Record<string, WireAsset>>;
  readonly quoteDebt?: { readonly weight: string; readonly targetWeight: string };
}

interface SaleView {
  readonly asset: string;
  readonly amount: string;
  readonly proceeds: string;
}

/** The policy's collateral part, `none` when absent (spec §13.4). */
function restoreOf(s: Scenario): 'none' | 'deficit' | 'target' {
  const c = (s as { readonly policy?: { readonly collateral?: { readonly kind: string; readonly restore?: string } } }).policy?.collateral;
  return c?.kind === 'sell' ? (c.restore === 'target' ? 'target' : 'deficit') : 'none';
}

/** Whether selling `a` cannot raise `E − T` while `C < 0`: `π·l′ ≤ p·w′` (spec §13.4's skip). */
function cannotHelp(a: WireAsset, l2: Fixed): boolean {
  const w2 = fx(a.targetWeight ?? a.weight);
  // π/p = (1 − δ), or 1/φ: compare (π/p)·l′ with w′ without dividing.
  if (a.feeFactor !== undefined) return l2.lte(w2.mul(fx(a.feeFactor)));
  const ratio = a.discount !== undefined ? FONE.sub(fx(a.discount)) : FONE;
  return ratio.mul(l2).lte(w2);
}

/**
 * What the reference's sales did to the cross group's quote balance: its value before the
 * collateral step (the result's collateral less the proceeds and the isolated margins returned
 * after every group, §4.1) and after each sale, in order. Null when a cross group with positions
 * went bankrupt (the fund's payout has replaced the balance).
 */
export function quoteWalk(s: Scenario, outcome: Extract<Outcome, { ok: true }>): { readonly before: Fixed; readonly after: readonly Fixed[] } | null {
  const r = outcome.result;
  const cross = r.groups.find((g) => g.group === 'cross');
  const sales = ((r as { readonly sales?: readonly SaleView[] }).sales ?? []);
  let c: Fixed;
  // Without a cross position no fill moves the balance: the step starts from the input's.
  if (s.account.positions.every((q) => q.isolatedMargin !== undefined)) c = fx(s.account.collateral);
  else {
    if (cross === undefined || cross.status === 'bankrupt') return null;
    c = fx(r.account.collateral);
    for (const g of r.groups) if (g.group !== 'cross' && g.status === 'full' && fx(g.after.equity).sign() > 0) c = c.sub(fx(g.after.equity));
    for (const sale of sales) c = c.sub(fx(sale.proceeds));
  }
  const after: Fixed[] = [];
  let run = c;
  for (const sale of sales) after.push((run = run.add(fx(sale.proceeds))));
  return { before: c, after };
}

/** Whether a sale sold an asset's whole balance and the collateral step's goal was still unmet (spec §13.4). */
export function exhaustsCollateral(s: Scenario, outcome: Extract<Outcome, { ok: true }>): boolean {
  const r = outcome.result;
  const sales = ((r as { readonly sales?: readonly SaleView[] }).sales ?? []);
  const held = s.account.assets ?? {};
  if (!sales.some((x) => held[x.asset] !== undefined && fx(held[x.asset]!).eq(fx(x.amount)))) return false;
  const cross = r.groups.find((g) => g.group === 'cross');
  if (cross === undefined) return false;
  if (cross.status === 'bankrupt') return true;
  if (restoreOf(s) === 'deficit') {
    const walk = quoteWalk(s, outcome);
    return walk !== null && (walk.after[walk.after.length - 1] ?? walk.before).sign() < 0;
  }
  const e = fx(cross.after.equity);
  const t = fx(cross.after.target);
  return s.params.trigger === 'inclusive' ? e.lte(t) : e.lt(t);
}

/** The labels of one scenario with collateral assets, given the reference's outcome on it. */
export function multiAssetLabels(s: Scenario, outcome: Outcome): string[] {
  const labels = new Set<string>();
  const unit = new Fixed(1n, s.params.quoteScale);
  const p = s.params as typeof s.params & AssetView;
  const assets = p.assets ?? {};
  const l2 = p.quoteDebt === undefined ? FONE : fx(p.quoteDebt.targetWeight);
  const held = Object.entries(s.account.assets ?? {}).filter(([, a]) => fx(a).sign() > 0);
  const prices = s.assetPrices ?? {};
  const c = fx(s.account.collateral);
  const crossPositions = s.account.positions.filter((q) => q.isolatedMargin === undefined);
  labels.add(crossPositions.length === 0 ? 'token-only' : 'with-positions');
  if (c.sign() < 0) labels.add('quote-debt');
  if (held.length >= 2) labels.add('several-assets');
  const keys: Fixed[] = [];
  for (const [id, a] of held) {
    const asset = assets[id];
    const price = prices[id];
    if (asset === undefined || price === undefined) continue;
    if (fx(asset.weight).isZero()) labels.add('zero-weight-asset');
    if (fx(price).mul(fx(asset.unit)).eq(unit)) labels.add('one-unit-price');
    const key = fx(a).mul(fx(price)).mul(fx(asset.targetWeight ?? asset.weight));
    if (key.sign() > 0 && keys.some((k) => k.eq(key))) labels.add('order-tie');
    keys.push(key);
  }
  if (!outcome.ok) {
    labels.add('invalid');
    return sorted(labels);
  }
  const r = outcome.result;
  labels.add(r.status);
  const cross = r.groups.find((g) => g.group === 'cross');
  if (cross !== undefined) {
    const e = fx(cross.before.equity);
    const mm = fx(cross.before.maintenance);
    const t = fx(cross.before.target);
    if (e.eq(mm)) labels.add('at-trigger-boundary');
    if (e.eq(mm.sub(unit))) labels.add('one-unit-below-boundary');
    if (e.eq(mm.add(unit))) labels.add('one-unit-above-boundary');
    if (e.eq(t)) labels.add('at-target-boundary');
    if (e.eq(t.sub(unit))) labels.add('one-unit-below-target');
    if (e.eq(t.add(unit))) labels.add('one-unit-above-target');
    if (c.sign() < 0 && cross.status === 'healthy') labels.add('healthy-quote-debt');
    if (cross.status !== 'healthy' && restoreOf(s) === 'target') {
      for (const [id] of held) if (assets[id] !== undefined && cannotHelp(assets[id]!, l2)) labels.add('asset-cannot-help');
    }
  }
  const sales = ((r as { readonly sales?: readonly SaleView[] }).sales ?? []);
  if (sales.length > 0) labels.add('collateral-sold');
  const walk = quoteWalk(s, outcome);
  if (walk !== null) {
    let before = walk.before;
    sales.forEach((sale, i) => {
      const after = walk.after[i]!;
      const whole = held.some(([id, a]) => id === sale.asset && fx(a).eq(fx(sale.amount)));
      if (whole && before.sign() < 0 && after.isZero()) labels.add('deficit-covered-exactly');
      if (whole && before.sign() < 0 && after.eq(unit.neg())) labels.add('deficit-one-unit-short');
      if (before.sign() < 0 && after.sign() > 0) labels.add('sale-crosses-zero');
      before = after;
    });
  }
  if (exhaustsCollateral(s, outcome)) labels.add('collateral-exhausted');
  return sorted(labels);
}

function sorted(labels: Set<string>): string[] {
  const rank = (l: string): number => {
    const i = (MULTI_ASSET_LABELS as readonly string[]).indexOf(l);
    return i < 0 ? MULTI_ASSET_LABELS.length : i;
  };
  return [...labels].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

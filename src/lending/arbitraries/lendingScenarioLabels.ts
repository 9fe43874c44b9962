/**
 * Labels naming the regions a lending scenario is in, and their distribution over a sample, so
 * the generator's reach is measured rather than hoped for.
 *
 * @remarks Health regions are read from the scenario itself with spec §11.2's values (collateral
 * rounded down, debt up) and exact comparisons, never from the rounded HF string; outcomes come
 * from the reference (spec §11.3–§11.9), never from an engine under test.
 * @see docs/spec.md#11-lending-health-factor
 */
import type { LendingScenario } from '../../wire/lending.ts';
import { liquidateLending } from '../liquidateLending.ts';
import type { LendingOutcome } from '../types.ts';
import { closeFactorCap, rawAccount, valuesOf } from './accountValues.ts';
import { ruleKindOf } from './lendingParams.ts';
import { addR, cmpR, mulR, ratioOf, type Ratio } from './ratio.ts';
import { rawOf, scaleOf } from './units.ts';

/** Every label {@link lendingScenarioLabels} can return, in display order. */
export const LENDING_LABELS = [
  // rule forms
  'aave-v3.0',
  'aave-v3.3',
  'morpho',
  'absorb',
  // health regions
  'hf<1',
  'hf=1',
  'hf>1',
  'hf∈[0.99,1)',
  'hf∈(1,1.01]',
  'hf≈fullBelowHealth',
  'hf=fullBelowHealth',
  'hf≈LB·LT',
  'hf=LB·LT',
  'hf<LB·LT',
  'bad-debt',
  // the request
  'request<cap',
  'request=cap',
  'request>cap',
  'request=max',
  'request=one-unit',
  'leftover≈minLeftoverBase',
  // edges
  'lt-floor',
  'debt-also-collateral',
  'price-one',
  'price-step',
  'reserve-just-below-fullBelowBase',
  'reserve-just-above-fullBelowBase',
  'reserve-just-below-minLeftoverBase',
  'reserve-just-above-minLeftoverBase',
  'single-pair',
  'multi-collateral',
  'multi-debt',
  // the reference's outcome
  'healthy',
  'liquidated',
  'reverted',
  'deficit',
  'collateral-exhausted',
] as const;
export type LendingLabel = (typeof LENDING_LABELS)[number];

/** The lowest LT the generators draw: an asset on it is "at its LT floor". */
const LT_FLOOR = ratioOf('0.5');
/** "Near" a health threshold: within 0.01 of it. */
const NEAR_HF = ratioOf('0.01');
/** "Just" below or above a base threshold: within 3 % of it. */
const NEAR_BASE = ratioOf('0.03');

const scaled = (x: Ratio, by: Ratio): Ratio => mulR(x, by);
const minus = (a: Ratio, b: Ratio): Ratio => addR(a, { n: -b.n, s: b.s });
const absR = (a: Ratio): Ratio => (a.n < 0n ? { n: -a.n, s: a.s } : a);

/**
 * The labels of one scenario:
 *
 * - its rule form (`aave-v3.0`, `aave-v3.3`, `morpho`, `absorb`, as {@link ruleKindOf} reads it);
 * - health: `hf<1` / `hf=1` / `hf>1` (`W` against `D`, exactly), `hf∈[0.99,1)`, `hf∈(1,1.01]`;
 *   `hf≈fullBelowHealth` within 0.01 of the close-factor switch, `hf=fullBelowHealth` on it;
 *   `hf≈LB·LT`, `hf=LB·LT`, `hf<LB·LT` against the I4 boundary of the request's collateral (the
 *   last only when liquidatable: there a partial liquidation lowers HF, spec §11.11); `bad-debt`
 *   when the collateral is worth less than the debt;
 * - the request against the close-factor limit `M` of spec §11.4 (`request<cap`, `=cap`, `>cap`,
 *   `=max`, `=one-unit` for one token unit), and `leftover≈minLeftoverBase` when the debt it
 *   leaves is worth within 3 % of `minLeftoverBase`;
 * - edges: `lt-floor` (a supplied collateral at LT 0.5), `debt-also-collateral`, `price-one` (a
 *   held asset priced 1), `price-step` (priced one base unit), the request's debt or collateral
 *   reserve within 3 % below / at or above `fullBelowBase` or `minLeftoverBase`, `single-pair`,
 *   `multi-collateral`, `multi-debt`;
 * - the reference's outcome: `healthy`, `liquidated`, `reverted`, `deficit`, and
 *   `collateral-exhausted` when the request's whole collateral was seized.
 *
 * `reference` is the reference's outcome when the caller has it; without it the reference runs
 * here. An invalid scenario gets `invalid` only.
 */
export function lendingScenarioLabels(s: LendingScenario, reference?: LendingOutcome): string[] {
  const outcome = reference ?? liquidateLending(s);
  if (!outcome.ok) return ['invalid'];
  const labels = new Set<LendingLabel>([ruleKindOf(s.params)]);
  const p = s.params;
  const raw = rawAccount(s);
  const v = valuesOf(p, raw);
  const W = v.weighted;
  const D = v.debt;
  const c = cmpR(W, D);
  if (D.n > 0n) {
    labels.add(c < 0 ? 'hf<1' : c === 0 ? 'hf=1' : 'hf>1');
    if (c < 0 && cmpR(W, scaled(D, ratioOf('0.99'))) >= 0) labels.add('hf∈[0.99,1)');
    if (c > 0 && cmpR(W, scaled(D, ratioOf('1.01'))) <= 0) labels.add('hf∈(1,1.01]');
    if (cmpR(v.collateral, D) < 0) labels.add('bad-debt');
  }
  const near = (t: Ratio, exact: LendingLabel, close: LendingLabel): void => {
    const gap = cmpR(absR(minus(W, mulR(t, D))), mulR(NEAR_HF, D));
    if (gap <= 0) labels.add(close);
    if (cmpR(W, mulR(t, D)) === 0) labels.add(exact);
  };
  const r = p.rules;
  const req = s.request;
  if (r.kind === 'close-factor' && D.n > 0n) {
    const f = ratioOf(r.fullBelowHealth);
    if (f.n > 0n) near(f, 'hf=fullBelowHealth', 'hf≈fullBelowHealth');
    if (req !== undefined) {
      const a = p.assets[req.collateralAsset]!;
      const t = mulR(ratioOf(a.liquidationBonus), ratioOf(a.liquidationThreshold));
      near(t, 'hf=LB·LT', 'hf≈LB·LT');
      if (c < 0 && cmpR(W, mulR(t, D)) < 0) labels.add('hf<LB·LT');
    }
  }
  if (r.kind === 'close-factor' && req !== undefined) requestLabels(s, labels);

  const held = new Set([...raw.supplies, ...raw.borrows].filter(([, x]) => x > 0n).map(([id]) => id));
  const collateral = [...raw.supplies].filter(([id, x]) => x > 0n && p.assets[id]!.collateral).map(([id]) => id);
  const debts = [...raw.borrows].filter(([, x]) => x > 0n).map(([id]) => id);
  if (collateral.some((id) => cmpR(ratioOf(p.assets[id]!.liquidationThreshold), LT_FLOOR) === 0)) labels.add('lt-floor');
  if (debts.some((id) => collateral.includes(id))) labels.add('debt-also-collateral');
  const unitPrice = { n: 1n, s: p.baseScale };
  for (const id of held) {
    const price = raw.prices.get(id)!;
    if (cmpR(price, { n: 1n, s: 0 }) === 0) labels.add('price-one');
    if (cmpR(price, unitPrice) === 0) labels.add('price-step');
  }
  if (collateral.length === 1 && debts.length === 1) labels.add('single-pair');
  if (collateral.length >= 2) labels.add('multi-collateral');
  if (debts.length >= 2) labels.add('multi-debt');

  const res = outcome.result;
  labels.add(res.status);
  if (Object.keys(res.deficit).length > 0) labels.add('deficit');
  if (req !== undefined && res.status === 'liquidated' && res.seized[req.collateralAsset] === s.account.supplies[req.collateralAsset] && res.seized[req.collateralAsset] !== undefined) {
    labels.add('collateral-exhausted');
  }
  return LENDING_LABELS.filter((l) => labels.has(l));
}

/** The request's labels: against the cap, the leftover, and its reserves against the thresholds. */
function requestLabels(s: LendingScenario, labels: Set<LendingLabel>): void {
  const p = s.params;
  const r = p.rules;
  const req = s.request!;
  if (r.kind !== 'close-factor') return;
  const raw = rawAccount(s);
  const cap = closeFactorCap(p, raw, req);
  const debt = raw.borrows.get(req.debtAsset) ?? 0n;
  let covered = cap;
  if (req.debtToCover === 'max') labels.add('request=max');
  else {
    const x = rawOf(req.debtToCover, scaleOf(p.assets[req.debtAsset]!.unit));
    labels.add(x < cap ? 'request<cap' : x === cap ? 'request=cap' : 'request>cap');
    if (x === 1n) labels.add('request=one-unit');
    if (x < cap) covered = x;
  }
  const v = valuesOf(p, raw);
  const base = (t: string, below: LendingLabel, above: LendingLabel): void => {
    const T = ratioOf(t);
    if (T.n === 0n) return;
    for (const x of [v.collateralOf(req.collateralAsset), v.debtOf(req.debtAsset)]) {
      const lo = mulR(T, minus({ n: 1n, s: 0 }, NEAR_BASE));
      const hi = mulR(T, addR({ n: 1n, s: 0 }, NEAR_BASE));
      if (cmpR(x, lo) >= 0 && cmpR(x, T) < 0) labels.add(below);
      if (cmpR(x, T) >= 0 && cmpR(x, hi) <= 0) labels.add(above);
    }
  };
  base(r.fullBelowBase, 'reserve-just-below-fullBelowBase', 'reserve-just-above-fullBelowBase');
  base(r.minLeftoverBase, 'reserve-just-below-minLeftoverBase', 'reserve-just-above-minLeftoverBase');
  const lambda = ratioOf(r.minLeftoverBase);
  if (lambda.n > 0n && covered < debt) {
    const left = valuesOf(p, { ...raw, borrows: new Map([[req.debtAsset, debt - covered]]) }).debt;
    if (cmpR(absR(minus(left, lambda)), mulR(lambda, NEAR_BASE)) <= 0) labels.add('leftover≈minLeftoverBase');
  }
}

/** How many samples carry each label (each label counted once per sample), in display order. */
export function lendingLabelDistribution(samples: readonly LendingScenario[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of samples) for (const l of lendingScenarioLabels(s)) counts.set(l, (counts.get(l) ?? 0) + 1);
  const rank = (l: string): number => {
    const i = (LENDING_LABELS as readonly string[]).indexOf(l);
    return i < 0 ? LENDING_LABELS.length : i;
  };
  return new Map([...counts].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1)));
}

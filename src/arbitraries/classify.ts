/**
 * Labels that say which part of the model a scenario exercises, and their distribution over a
 * sample, so a generator's coverage can be measured rather than hoped for.
 * @see docs/spec.md
 */
import { ceilTo, Dec, dmax, toCanonical } from '../model/decimal.ts';
import { closeFill } from '../model/closeFill.ts';
import type { Valuation } from '../model/groupHealth.ts';
import { liquidateParsed } from '../model/liquidate.ts';
import { tierIndex } from '../model/maintenanceMargin.ts';
import { marginGroups, type MarginGroup } from '../model/marginGroup.ts';
import { closedFormRoot } from '../model/minimalClose.ts';
import { knownParsed } from '../invariants/caseInput.ts';
import { plainDecimal } from '../model/parseDecimal.ts';
import { parseScenario } from '../model/parseScenario.ts';
import type { Fill, LiquidationResult, Outcome, ParsedScenario, Scenario } from '../model/types.ts';

/** Every label {@link classify} can return, in display order (besides `invalid` / `error:…`). */
export const LABELS = [
  'healthy',
  'partial',
  'full',
  'bankrupt',
  'at-trigger-boundary',
  'tier-crossed',
  'dust-close',
  'rounding-bound',
  'penalty≥maintenance',
  'insurance-exhausted',
  'multi-position',
  'isolated',
  'price-impact',
  'inclusive-trigger',
  'quote-scale≠6',
  'lot≠10^k',
  'liquidator-share≠0.5',
  'no-dust',
  'markets≥4',
  'positions≥3',
  'notional-tie',
  'negative-ratio',
  'negative-ratio-inexact',
] as const;

export type Label = (typeof LABELS)[number];

/**
 * Labels of one scenario, from the reference result and the scenario itself:
 *
 * - the overall status: `healthy`, `partial`, `full` or `bankrupt`;
 * - `at-trigger-boundary`: some group with positions has `E = MM` exactly;
 * - `tier-crossed`: a partial fill leaves a position in a lower bracket than it started in (full
 *   closes do not count: every full close from an upper bracket would);
 * - `dust-close`: the dust rule changed the fills (compared with a run at `dustNotional = 0`),
 *   i.e. it turned a reduction into a full close;
 * - `rounding-bound`: a partial fill is not `max(lot, ⌈Δ*⌉_lot)`, so verification had to walk past
 *   the closed-form candidate;
 * - `penalty≥maintenance`: some step rate ≥ some bracket rate + buffer (that bracket can never be
 *   partially liquidated at that distress);
 * - `insurance-exhausted`: the payout fell short of the bad debt;
 * - `multi-position`, `isolated`, `price-impact`: shape of the input;
 * - parameter features a fixed profile may lack: `inclusive-trigger`, `quote-scale≠6`, `lot≠10^k`
 *   (some lot is not a power of ten), `liquidator-share≠0.5`, `no-dust`, `markets≥4`;
 * - `positions≥3`: an account with three positions or more;
 * - `notional-tie`: two positions of one group have equal notionals at mark, so the processing
 *   order rests on its tie-break;
 * - `negative-ratio`: some group starts with `E/MM < 0`; `negative-ratio-inexact`: and that ratio
 *   does not terminate within 18 places, so rounding down and toward zero differ.
 *
 * An invalid scenario is labelled `invalid`; a model error `error:<code>`.
 *
 * Labels describe the scenario, so they come from the reference's answer, never from an engine
 * under test (a wrong engine must not move the coverage figures). `reference` is that answer when
 * the caller already has it — the in-process reference's own answer in `liqcheck check` — and
 * spares a second run; without it the reference runs here.
 *
 * @remarks `dust-close` needs the run at `dustNotional = 0` only when some position was closed
 * in full: the dust rule can only turn a reduction into a full close (spec §6.4), so without a
 * full close both runs fill alike and the second run is skipped.
 */
export function classify(s: Scenario, reference?: Outcome): string[] {
  // A drawn scenario's parsed form was handed over when it was built (caseInput.ts).
  const known = knownParsed(s);
  const parsed = known !== undefined ? { ok: true as const, value: known } : parseScenario(s);
  if (!parsed.ok) return ['invalid'];
  const outcome = reference ?? liquidateParsed(parsed.value);
  if (!outcome.ok) return [`error:${outcome.error.code}`];
  const r = outcome.result;
  const sc = parsed.value;
  const labels = new Set<Label>([r.status]);

  if (r.groups.some((g) => new Dec(g.before.maintenance).gt(0) && new Dec(g.before.equity).eq(g.before.maintenance))) {
    labels.add('at-trigger-boundary');
  }
  replayFills(sc, r.fills, labels);
  if (sc.params.dustNotional.gt(0) && closesInFull(r)) {
    const withoutDust = liquidateParsed({ ...sc, params: { ...sc.params, dustNotional: new Dec(0) } });
    if (withoutDust.ok && JSON.stringify(withoutDust.result.fills) !== JSON.stringify(r.fills)) labels.add('dust-close');
  }
  const { buffer, steps, markets } = sc.params;
  const maxStep = steps[steps.length - 1]!.rate;
  if ([...markets.values()].some((m) => m.tiers.some((t) => maxStep.gte(t.rate.add(buffer))))) labels.add('penalty≥maintenance');
  if (new Dec(r.insurancePayout).lt(r.badDebt)) labels.add('insurance-exhausted');
  if (sc.positions.length > 1) labels.add('multi-position');
  if (sc.positions.some((p) => p.isolatedMargin !== null)) labels.add('isolated');
  if (sc.params.priceImpact.gt(0)) labels.add('price-impact');
  parameterFeatures(sc, labels);
  if (sc.positions.length >= 3) labels.add('positions≥3');
  if (marginGroups(sc).some((g) => hasTie(sc, g.positions))) labels.add('notional-tie');
  for (const g of r.groups) {
    const e = new Dec(g.before.equity);
    if (g.before.marginRatio === null || !e.lt(0)) continue;
    labels.add('negative-ratio');
    if (!new Dec(g.before.marginRatio).mul(g.before.maintenance).eq(e)) labels.add('negative-ratio-inexact');
  }
  return LABELS.filter((l) => labels.has(l));
}

/**
 * Whether `classify(s, reference)` includes `rounding-bound`, computed alone: only the replay of
 * the fills, none of the other labels (the run at `dustNotional = 0` above all). For the fixture
 * generator, which draws about a hundred candidates per rounding-bound case.
 */
export function hasRoundingBound(s: Scenario, reference: Extract<Outcome, { ok: true }>): boolean {
  const known = knownParsed(s);
  const parsed = known !== undefined ? { ok: true as const, value: known } : parseScenario(s);
  if (!parsed.ok) return false;
  const labels = new Set<Label>();
  replayFills(parsed.value, reference.result.fills, labels, true);
  return labels.has('rounding-bound');
}

/** Whether some filled position is gone or at size 0 afterwards: the only place dust can act. */
function closesInFull(r: LiquidationResult): boolean {
  const left = new Map(r.account.positions.map((p) => [p.market, p.size]));
  return r.fills.some((f) => {
    const size = left.get(f.market);
    return size === undefined || new Dec(size).isZero();
  });
}

const POWER_OF_TEN = /^(10*|0\.0*1)$/;

function parameterFeatures(sc: ParsedScenario, labels: Set<Label>): void {
  const p = sc.params;
  if (p.trigger === 'inclusive') labels.add('inclusive-trigger');
  if (p.quoteScale !== 6) labels.add('quote-scale≠6');
  if ([...p.markets.values()].some((m) => !POWER_OF_TEN.test(toCanonical(m.lot)))) labels.add('lot≠10^k');
  if (!p.liquidatorShare.eq('0.5')) labels.add('liquidator-share≠0.5');
  if (p.dustNotional.isZero()) labels.add('no-dust');
  if (p.markets.size >= 4) labels.add('markets≥4');
}

function hasTie(sc: ParsedScenario, positions: readonly { readonly market: string; readonly size: Dec }[]): boolean {
  const notionals = positions.map((q) => q.size.abs().mul(sc.marks.get(q.market)!).toString());
  return new Set(notionals).size < notionals.length;
}

/**
 * Replays the fills group by group, so that each partial fill can be compared with the closed
 * form on the group state it was computed from. `roundingOnly`: only `rounding-bound` is wanted,
 * so the replay stops at the first one found and after a group's last partial fill.
 */
function replayFills(sc: ParsedScenario, fills: LiquidationResult['fills'], labels: Set<Label>, roundingOnly = false): void {
  // This replay's group equity has no collateral assets (spec §13.2): with them its closed form
  // would be solved on the wrong equity, so it claims no rounding bound.
  const assets = sc.params.assets !== undefined;
  const v: Valuation = { params: sc.params, marks: sc.marks };
  for (let g of marginGroups(sc)) {
    const mine = fills.filter((f: Fill) => g.positions.some((p) => p.market === f.market));
    const last = roundingOnly ? lastPartial(g, mine) : mine.length - 1;
    for (let i = 0; i <= last; i++) {
      const f = mine[i]!;
      const pos = g.positions.find((p) => p.market === f.market);
      if (pos === undefined) break; // a market filled twice: not the reference's shape; stop here
      const { lot, tiers } = v.params.markets.get(f.market)!;
      const mark = sc.marks.get(f.market)!;
      const size = plainDecimal(f.size);
      const rate = plainDecimal(f.penaltyRate);
      const left = pos.size.abs().sub(size);
      if (left.gt(0)) {
        if (!roundingOnly && tierIndex(tiers, left.mul(mark)) < tierIndex(tiers, pos.size.abs().mul(mark))) labels.add('tier-crossed');
        const root = assets ? null : closedFormRoot(v, g, f.market, rate);
        if (root !== null && !dmax(lot, ceilTo(root, lot)).eq(size)) {
          labels.add('rounding-bound');
          if (roundingOnly) return;
        }
      }
      // The group after the last fill is never read.
      if (i < last) g = closeFill(v, g, f.market, size, rate).group;
    }
  }
}

/**
 * Index in `mine` of the group's last fill that can leave its position open, or −1. A fill only
 * changes its own market's position, so while each market is filled once a fill is partial
 * exactly when it is smaller than the position the group started with; a market filled twice
 * (not the reference's shape) is replayed to the end.
 */
function lastPartial(g: MarginGroup, mine: readonly Fill[]): number {
  const markets = new Set(mine.map((f) => f.market));
  if (markets.size < mine.length) return mine.length - 1;
  for (let i = mine.length - 1; i >= 0; i--) {
    const f = mine[i]!;
    const pos = g.positions.find((p) => p.market === f.market);
    if (pos !== undefined && pos.size.abs().gt(f.size)) return i;
  }
  return -1;
}

/** How many samples carry each label (each label counted once per sample), in display order. */
export function labelDistribution(samples: readonly Scenario[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of samples) for (const l of classify(s)) counts.set(l, (counts.get(l) ?? 0) + 1);
  const rank = (l: string): number => {
    const i = (LABELS as readonly string[]).indexOf(l);
    return i < 0 ? LABELS.length : i;
  };
  return new Map([...counts].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1)));
}

/** A small aligned table: label, count and share of `total`, one row per label. */
export function formatDistribution(map: ReadonlyMap<string, number>, total: number): string {
  const width = Math.max(5, ...[...map.keys()].map((k) => k.length));
  const rows = [`${'label'.padEnd(width)}  ${'count'.padStart(6)}  ${'share'.padStart(6)}`];
  for (const [label, n] of map) {
    const pct = total === 0 ? 0 : (100 * n) / total;
    rows.push(`${label.padEnd(width)}  ${String(n).padStart(6)}  ${pct.toFixed(1).padStart(5)}%`);
  }
  rows.push(`${'total'.padEnd(width)}  ${String(total).padStart(6)}`);
  return rows.join('\n');
}

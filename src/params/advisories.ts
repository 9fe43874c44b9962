/**
 * Risk advisories: properties of a valid parameter set that no model rule forbids but a risk team
 * wants to see before a vote. Each has a stable id (RSK-00x, never reused) and returns warnings
 * naming the market, tier or step.
 * @see docs/params.md#findings
 */
import { Dec, ONE, toCanonical as s } from '../model/decimal.ts';
import { fieldPath, indexPath, keyPath } from '../model/parseScenario.ts';
import type { ParsedParams, Tier } from '../model/types.ts';
import type { Finding } from './finding.ts';

export interface Advisory {
  readonly id: string;
  readonly title: string;
  readonly check: (p: ParsedParams) => readonly Omit<Finding, 'id' | 'severity'>[];
}

const tierPath = (market: string, n: number): string => indexPath(`${keyPath(fieldPath('params', 'markets'), market)}.tiers`, n);
const stepPath = (k: number): string => indexPath('params.penalty.steps', k);
/** One warning per tier for which `reason` gives one. */
function perTier(p: ParsedParams, reason: (t: Tier) => string | null): Omit<Finding, 'id' | 'severity'>[] {
  return [...p.markets].flatMap(([id, m]) =>
    m.tiers.flatMap((t, n) => {
      const r = reason(t);
      return r === null ? [] : [{ where: tierPath(id, n), reason: r }];
    }),
  );
}

const pct = (x: Dec): string => `${s(x.mul(100).toDecimalPlaces(4, Dec.ROUND_HALF_EVEN))}%`;

/** RSK-001: a liquidator share of 0 pays no one to liquidate; 1 leaves the insurance fund no fees. */
const liquidatorShare: Advisory = {
  id: 'RSK-001',
  title: 'penalty split leaves a party with nothing',
  check: (p) => {
    const where = 'params.penalty.liquidatorShare';
    if (p.liquidatorShare.isZero()) return [{ where, reason: 'liquidator share 0: liquidators earn nothing from the penalty (everything goes to the insurance fund), so liquidations rely on the exchange itself' }];
    if (p.liquidatorShare.eq(1)) return [{ where, reason: 'liquidator share 1: the insurance fund earns no penalty fees (1 − share = 0) and is funded only by rounding residues; bad debt is socialized as soon as its balance is drawn' }];
    return [];
  },
};

/** RSK-002: initial margin below twice maintenance leaves less room to liquidation than the maintenance margin itself. */
const initialCushion: Advisory = {
  id: 'RSK-002',
  title: 'initial rate below twice the maintenance rate',
  check: (p) =>
    perTier(p, (t) =>
      t.initialRate.lt(t.rate.mul(2))
        ? `initial rate ${s(t.initialRate)} < 2 × maintenance rate ${s(t.rate)}: a position opened at the maximum leverage (${s(ONE.div(t.initialRate).toDecimalPlaces(1, Dec.ROUND_DOWN))}×) is liquidatable after an adverse move of only ${pct(t.initialRate.sub(t.rate))}`
        : null,
    ),
};

/**
 * RSK-003: a partial close can only restore a single position whose equity covers the penalty and
 * the price concession on the whole of it (the slack of spec §6.3 at a full close is `E − (f+σ)·N`,
 * and it is concave), i.e. when `ρ·MM/N > f + σ`. `MM/N` is smallest in the first bracket, where it
 * is `r_0`; so in a step band `(t_{k+1}, t_k]` with `(f_k + σ)/r_0 ≥ t_k`, positions in the first
 * bracket are always closed in full, although PAR-002 (a slope condition) may hold.
 */
const restorableBands: Advisory = {
  id: 'RSK-003',
  title: 'penalty + impact vs the first bracket rate: step bands with no partial close',
  check: (p) => {
    const out: Omit<Finding, 'id' | 'severity'>[] = [];
    p.steps.forEach((st, k) => {
      const cost = st.rate.add(p.priceImpact);
      const next = p.steps[k + 1]?.maxMarginRatio ?? new Dec(0);
      const markets = [...p.markets].filter(([, m]) => cost.div(m.tiers[0]!.rate).gte(st.maxMarginRatio));
      if (markets.length === 0) return;
      const names = markets.map(([id, m]) => `${id} (first bracket rate ${s(m.tiers[0]!.rate)})`).join(', ');
      out.push({
        where: stepPath(k),
        reason: `margin ratios in (${s(next)}, ${s(st.maxMarginRatio)}] pay penalty ${s(st.rate)}${p.priceImpact.isZero() ? '' : ` + impact ${s(p.priceImpact)}`} ≥ ratio × maintenance rate in ${names}: a position of the first bracket in this band is always closed in full, never partially`,
      });
    });
    return out;
  },
};

/** RSK-004: an account opened at the maximum leverage already sits below the liquidation target. */
const initialBelowTarget: Advisory = {
  id: 'RSK-004',
  title: 'initial rate below maintenance rate + buffer',
  check: (p) =>
    perTier(p, (t) =>
      t.initialRate.lt(t.rate.add(p.buffer))
        ? `initial rate ${s(t.initialRate)} < maintenance rate ${s(t.rate)} + buffer ${s(p.buffer)}: a position opened at the maximum leverage is below the liquidation target from the start, so its first liquidation must restore more margin than opening it required`
        : null,
    ),
};

/** RSK-005: a price concession at least the first bracket rate makes even a liquidation at the trigger leave bad debt. */
const impactAboveMaintenance: Advisory = {
  id: 'RSK-005',
  title: 'price impact ≥ first bracket maintenance rate',
  check: (p) =>
    [...p.markets].flatMap(([id, m]) =>
      p.priceImpact.gte(m.tiers[0]!.rate)
        ? [{ where: 'params.priceImpact', reason: `price impact ${s(p.priceImpact)} ≥ ${id} first bracket maintenance rate ${s(m.tiers[0]!.rate)}: closing a position in full at the trigger (E = MM) concedes more than its equity, so it leaves bad debt` }]
        : [],
    ),
};

/** Every advisory, in id order. */
export const ADVISORIES: readonly Advisory[] = [liquidatorShare, initialCushion, restorableBands, initialBelowTarget, impactAboveMaintenance];

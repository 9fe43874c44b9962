/**
 * The parameters a sweep can vary: each axis name, what it changes and its domain. Risk-parameter
 * axes rewrite the parameter set (keeping tier tables continuous and schedules monotone); scenario
 * axes change the stress applied to the accounts.
 * @see docs/params.md#sweep
 */
import { continuousTiers } from '../../arbitraries/continuousTiers.ts';
import { Dec, ONE, toCanonical as s, ZERO } from '../../model/decimal.ts';
import type { RiskParams } from '../../model/types.ts';

export interface AxisDef {
  readonly name: string;
  readonly kind: 'params' | 'scenario';
  readonly help: string;
  /** domain, in words and as a test */
  readonly domain: string;
  readonly inDomain: (v: Dec) => boolean;
  /** params axes: the parameter set with this value */
  readonly apply?: (p: RiskParams, v: Dec) => RiskParams;
}

/** Scaled rates keep 12 decimals: enough for any grid, and within the 18 of spec §1.1. */
const PLACES = 12;
type Rounding = Parameters<Dec['toDecimalPlaces']>[1];
const round = (x: Dec, mode: Rounding) => s(x.toDecimalPlaces(PLACES, mode));

/**
 * Every market's tier table scaled so that its first `anchor` rate becomes `v`: initial rates
 * always scale (capped at 1), maintenance rates only when they are the anchor; maintenance amounts
 * are recomputed, so the table stays continuous.
 */
function scaleLadders(p: RiskParams, v: Dec, anchor: 'maintenanceRate' | 'initialRate'): RiskParams {
  const markets = Object.fromEntries(
    Object.entries(p.markets).map(([id, m]) => {
      const k = v.div(m.tiers[0]![anchor]);
      const scaled = (rate: string, mode: Rounding) => round(Dec.min(ONE, new Dec(rate).mul(k)), mode);
      const rows = m.tiers.map((t) => ({
        notionalFloor: t.notionalFloor,
        maintenanceRate: anchor === 'maintenanceRate' ? scaled(t.maintenanceRate, Dec.ROUND_HALF_EVEN) : t.maintenanceRate,
        // Rounded up when maintenance moves too, so initial never falls below it by rounding.
        initialRate: scaled(t.initialRate, anchor === 'maintenanceRate' ? Dec.ROUND_UP : Dec.ROUND_HALF_EVEN),
      }));
      return [id, { ...m, tiers: continuousTiers(rows) }];
    }),
  );
  return { ...p, markets };
}

const unitInterval = (lo: 'open' | 'closed', hi: 'open' | 'closed') => (v: Dec) => (lo === 'open' ? v.gt(0) : v.gte(0)) && (hi === 'open' ? v.lt(1) : v.lte(1));

export const AXES: readonly AxisDef[] = [
  {
    name: 'maintenanceRate',
    kind: 'params',
    help: "every market's first maintenance rate; the other tiers and the initial rates scale with it (ratios kept, initial capped at 1)",
    domain: '(0, 1)',
    inDomain: unitInterval('open', 'open'),
    apply: (p, v) => scaleLadders(p, v, 'maintenanceRate'),
  },
  {
    name: 'initialRate',
    kind: 'params',
    help: "every market's first initial rate; the other tiers' initial rates scale with it (capped at 1)",
    domain: '(0, 1]',
    inDomain: unitInterval('open', 'closed'),
    apply: (p, v) => scaleLadders(p, v, 'initialRate'),
  },
  {
    name: 'penaltyRate',
    kind: 'params',
    help: 'the deepest penalty rate; the other steps scale with it (a flat schedule stays flat)',
    domain: '[0, 1)',
    inDomain: unitInterval('closed', 'open'),
    apply: (p, v) => {
      const max = p.penalty.steps.reduce((a, st) => Dec.max(a, new Dec(st.rate)), ZERO);
      const steps = p.penalty.steps.map((st) => ({ ...st, rate: max.isZero() ? s(v) : round(new Dec(st.rate).mul(v).div(max), Dec.ROUND_DOWN) }));
      return { ...p, penalty: { ...p.penalty, steps } };
    },
  },
  { name: 'targetBuffer', kind: 'params', help: 'the target buffer b', domain: '[0, 1)', inDomain: unitInterval('closed', 'open'), apply: (p, v) => ({ ...p, targetBuffer: s(v) }) },
  { name: 'priceImpact', kind: 'params', help: 'the price impact σ of liquidation fills', domain: '[0, 1)', inDomain: unitInterval('closed', 'open'), apply: (p, v) => ({ ...p, priceImpact: s(v) }) },
  {
    name: 'liquidatorShare',
    kind: 'params',
    help: "the liquidator's share of each penalty",
    domain: '[0, 1]',
    inDomain: unitInterval('closed', 'closed'),
    apply: (p, v) => ({ ...p, penalty: { ...p.penalty, liquidatorShare: s(v) } }),
  },
  { name: 'dustNotional', kind: 'params', help: 'the dust threshold', domain: '[0, ∞)', inDomain: (v) => v.gte(0), apply: (p, v) => ({ ...p, dustNotional: s(v) }) },
  { name: 'shock', kind: 'scenario', help: 'the adverse move applied to the stress accounts (0.05 = 5%)', domain: '(0, 1)', inDomain: unitInterval('open', 'open') },
  { name: 'leverage', kind: 'scenario', help: 'the highest leverage stress accounts are opened at (capped by each bracket’s maximum)', domain: '[1, 10000]', inDomain: (v) => v.gte(1) && v.lte(10_000) },
];

export function axisNamed(name: string): AxisDef | undefined {
  return AXES.find((a) => a.name === name);
}

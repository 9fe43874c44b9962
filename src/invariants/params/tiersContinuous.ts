import { toCanonical as s } from '../../model/decimal.ts';
import type { ParamsInvariant } from '../invariant.ts';
import { looseDecimal } from './looseDecimal.ts';

/**
 * PAR-001 — every tier table is sorted, continuous and convex.
 *
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
export const tiersContinuous: ParamsInvariant = {
  kind: 'params',
  id: 'PAR-001',
  title: 'tier table continuous and monotone',
  statement: 'Floors start at 0 and increase; maintenance rates are in (0, 1) and non-decreasing; maintenance amounts satisfy cum_n = cum_{n−1} + L_n·(r_n − r_{n−1}) exactly, so MM is continuous, convex and non-decreasing in notional.',
  domain: 'Bracket tables (Binance, Hyperliquid). Size-scaled formulas (Drift IMF, Synthetix) are continuous analogues not covered (I14).',
  spec: '#3-maintenance-margin-tiers',
  check: (p) => {
    const out: string[] = [];
    for (const [id, m] of Object.entries(p.markets ?? {})) {
      const tiers = m?.tiers ?? [];
      let prev: { floor: ReturnType<typeof looseDecimal>; rate: ReturnType<typeof looseDecimal>; amount: ReturnType<typeof looseDecimal> } | null = null;
      tiers.forEach((t, n) => {
        const floor = looseDecimal(t?.notionalFloor);
        const rate = looseDecimal(t?.maintenanceRate);
        const amount = looseDecimal(t?.maintenanceAmount);
        const at = `${id} tier ${n}`;
        if (floor === null || rate === null || amount === null) return void out.push(`${at}: floor, rate and amount must be decimal strings`);
        if (n === 0 && !floor.isZero()) out.push(`${at}: the first floor must be 0, is ${s(floor)}`);
        if (n === 0 && !amount.isZero()) out.push(`${at}: the first maintenance amount must be 0, is ${s(amount)}`);
        if (!rate.gt(0) || rate.gte(1)) out.push(`${at}: maintenance rate ${s(rate)} is outside (0, 1)`);
        if (prev?.floor && prev.rate && prev.amount) {
          if (!floor.gt(prev.floor)) out.push(`${at}: floor ${s(floor)} does not increase over ${s(prev.floor)}`);
          if (rate.lt(prev.rate)) out.push(`${at}: rate ${s(rate)} is below the previous tier's ${s(prev.rate)} (MM would not be convex)`);
          const want = prev.amount.add(floor.mul(rate.sub(prev.rate)));
          if (!amount.eq(want)) out.push(`${at}: maintenance amount ${s(amount)} makes MM jump at ${s(floor)}; continuity needs ${s(want)}`);
        }
        prev = { floor, rate, amount };
      });
      if (tiers.length === 0) out.push(`${id}: no tiers`);
    }
    return out;
  },
};

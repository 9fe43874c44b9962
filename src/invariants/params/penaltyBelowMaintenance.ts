import { toCanonical as s, ZERO } from '../../model/decimal.ts';
import type { ParamsInvariant } from '../invariant.ts';
import { looseDecimal } from './looseDecimal.ts';

/**
 * PAR-002 — partial liquidation can always restore safety.
 *
 * @remarks Closing notional x changes the shortage by −(m + b − f − σ)·x (I1), so unless the
 * highest penalty plus the price concession stays below every tier's marginal rate plus buffer, a
 * partial close may only deepen the shortage and the engine falls back to closing everything.
 * @see docs/spec.md#63-minimal-close-of-one-position
 */
export const penaltyBelowMaintenance: ParamsInvariant = {
  kind: 'params',
  id: 'PAR-002',
  title: 'penalty below the marginal maintenance rate',
  statement: 'The highest penalty rate plus the price impact is below every tier’s maintenance rate plus the buffer (f_max + σ < r_n + b), so a partial close always reduces the shortage.',
  domain: 'Perpetuals with penalties on closed notional. Counter-case: Binance small positions, “already bankrupt when first entering liquidation” (I1).',
  spec: '#63-minimal-close-of-one-position',
  check: (p) => {
    const out: string[] = [];
    const rates = (p.penalty?.steps ?? []).map((st) => looseDecimal(st?.rate)).filter((x) => x !== null);
    if (rates.length === 0) return out;
    const fMax = rates.reduce((a, b) => (b.gt(a) ? b : a));
    const b = looseDecimal(p.targetBuffer) ?? ZERO;
    const sigma = looseDecimal(p.priceImpact) ?? ZERO;
    for (const [id, m] of Object.entries(p.markets ?? {})) {
      (m?.tiers ?? []).forEach((t, n) => {
        const r = looseDecimal(t?.maintenanceRate);
        if (r !== null && fMax.add(sigma).gte(r.add(b))) {
          out.push(`${id} tier ${n}: penalty ${s(fMax)} + impact ${s(sigma)} ≥ maintenance rate ${s(r)} + buffer ${s(b)}; a partial close cannot restore safety there`);
        }
      });
    }
    return out;
  },
};

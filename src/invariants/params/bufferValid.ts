import { toCanonical as s } from '../../model/decimal.ts';
import type { ParamsInvariant } from '../invariant.ts';
import { looseDecimal } from './looseDecimal.ts';

/**
 * PAR-004 — the buffer and initial margins leave room between trigger and target.
 *
 * @see docs/spec.md#44-target-hysteresis
 */
export const bufferValid: ParamsInvariant = {
  kind: 'params',
  id: 'PAR-004',
  title: 'buffer ≥ 0 and initial ≥ maintenance',
  statement: 'The target buffer is ≥ 0 and r_n + b < 1 in every tier; every tier’s initial rate lies in [r_n, 1], so an account opened at initial margin starts above the trigger.',
  domain: 'All parameter sets (I6: end threshold ≥ start threshold).',
  spec: '#44-target-hysteresis',
  check: (p) => {
    const out: string[] = [];
    const b = looseDecimal(p.targetBuffer);
    if (b === null || b.lt(0)) return [`target buffer ${String(p.targetBuffer)} must be a decimal ≥ 0`];
    for (const [id, m] of Object.entries(p.markets ?? {})) {
      (m?.tiers ?? []).forEach((t, n) => {
        const r = looseDecimal(t?.maintenanceRate);
        const im = looseDecimal(t?.initialRate);
        if (r === null) return;
        if (r.add(b).gte(1)) out.push(`${id} tier ${n}: maintenance rate ${s(r)} + buffer ${s(b)} ≥ 1`);
        if (im === null || im.lt(r) || im.gt(1)) out.push(`${id} tier ${n}: initial rate ${String(t?.initialRate)} is outside [${s(r)}, 1]`);
      });
    }
    return out;
  },
};

import { toCanonical as s } from '../../model/decimal.ts';
import type { ParamsInvariant } from '../invariant.ts';
import { looseDecimal } from './looseDecimal.ts';

/**
 * PAR-003 — the penalty schedule is monotone and covers every liquidatable account.
 *
 * @see docs/spec.md#5-penalty-schedule
 */
export const scheduleMonotone: ParamsInvariant = {
  kind: 'params',
  id: 'PAR-003',
  title: 'penalty schedule monotone',
  statement: 'Penalty steps have strictly decreasing margin-ratio thresholds starting at ≥ 1, rates in [0, 1) that never fall as distress grows, and a liquidator share in [0, 1].',
  domain: 'Step schedules on the margin ratio E/MM.',
  spec: '#5-penalty-schedule',
  check: (p) => {
    const out: string[] = [];
    const steps = p.penalty?.steps ?? [];
    if (steps.length === 0) out.push('penalty schedule has no step');
    steps.forEach((st, i) => {
      const k = looseDecimal(st?.maxMarginRatio);
      const r = looseDecimal(st?.rate);
      if (k === null || r === null) return void out.push(`step ${i}: threshold and rate must be decimal strings`);
      if (i === 0 && k.lt(1)) out.push(`step 0: threshold ${s(k)} < 1 leaves accounts with ratio in (${s(k)}, 1] without a rate`);
      if (r.lt(0) || r.gte(1)) out.push(`step ${i}: rate ${s(r)} is outside [0, 1)`);
      const prev = i > 0 ? steps[i - 1] : undefined;
      const pk = looseDecimal(prev?.maxMarginRatio);
      const pr = looseDecimal(prev?.rate);
      if (pk !== null && !k.lt(pk)) out.push(`step ${i}: threshold ${s(k)} does not decrease from ${s(pk)}`);
      if (pr !== null && r.lt(pr)) out.push(`step ${i}: rate ${s(r)} is lower than the less distressed step's ${s(pr)} (penalty would fall with distress)`);
    });
    const share = looseDecimal(p.penalty?.liquidatorShare);
    if (share === null || share.lt(0) || share.gt(1)) out.push(`liquidator share ${String(p.penalty?.liquidatorShare)} is outside [0, 1]`);
    return out;
  },
};

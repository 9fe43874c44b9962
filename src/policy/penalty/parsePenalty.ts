/**
 * The penalty part of a policy, parsed (spec §10.5): the domain of the linear function's points,
 * and the cap (absent for §7.3's).
 * The schema (src/wire/policy/penalty.ts) has already required at least two points.
 * @see docs/spec.md#105-penalty
 */
import type { Issue } from '../../model/types.ts';
import type { Penalty } from '../../wire/policy/penalty.ts';
import { NON_NEGATIVE, RATE } from '../domains.ts';
import type { FPenalty } from '../policy.ts';
import { policyIssue, readAmount } from '../readAmount.ts';
import type { LinearPoint } from './linearRate.ts';

export function parsePenalty(w: Penalty, path: string, issues: Issue[]): FPenalty | undefined {
  // §10.5: "equity" is the default cap of §7.3 and is kept absent, so `{ kind: 'steps' }` stays the reference's part.
  const cap = w.cap === 'bankruptcy' ? ({ cap: 'bankruptcy' } as const) : {};
  if (w.kind === 'steps') return { kind: 'steps', ...cap };
  const points: LinearPoint[] = [];
  let prevIndex = -1;
  let ok = true;
  w.points.forEach((pt, i) => {
    const at = `${path}.points[${i}]`;
    const marginRatio = readAmount(pt.marginRatio, `${at}.marginRatio`, issues, NON_NEGATIVE);
    const rate = readAmount(pt.rate, `${at}.rate`, issues, RATE);
    if (marginRatio === undefined || rate === undefined) {
      ok = false;
      return;
    }
    // Compared with the previous readable point: one unreadable point is reported once, at its
    // own path, not again as an order error of its successor.
    const prev = points[points.length - 1];
    if (prev !== undefined && !marginRatio.lt(prev.marginRatio)) {
      policyIssue(issues, `${at}.marginRatio`, `a margin ratio < points[${prevIndex}].marginRatio (margin ratios strictly decreasing)`, pt.marginRatio);
      ok = false;
    } else if (prev !== undefined && rate.lt(prev.rate)) {
      policyIssue(issues, `${at}.rate`, `a rate ≥ points[${prevIndex}].rate (rates non-decreasing in distress)`, pt.rate);
      ok = false;
    }
    points.push({ marginRatio, rate });
    prevIndex = i;
  });
  return ok ? { kind: 'linear', points, ...cap } : undefined;
}

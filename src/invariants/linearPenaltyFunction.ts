import type { OutputInvariant } from './invariant.ts';
import { exactOf, ledger, s } from './ledger.ts';
import { penaltyCharged } from './penaltyCharged.ts';
import { takenOver } from './backstopTakeover.ts';

/**
 * LIQ-025 — the linear penalty follows its function.
 *
 * @remarks The rate is the policy's piecewise-linear function of the margin ratio before any fill
 * (ledger.ts computes it from the scenario's points, src/policy/penalty/linearRate.ts, checked
 * against decimal.js), so an engine that interpolates on the wrong segment, rounds the line down
 * or to nearest, extrapolates past the last point, or reads the ratio after its own fill, is
 * charged with the number it wrote. The bounds are reported on their own: a rate outside
 * `[r_0, r_k]` is a different bug (extrapolation, points read backwards) from a rate off the line.
 * @see docs/spec.md#105-penalty
 */
export const linearPenaltyFunction: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-025',
  title: 'linear penalty follows its function',
  statement: 'Under the linear penalty, every fill’s penalty rate equals f(E/MM before liquidation) — the policy’s points interpolated and rounded up to 10^−18, the first point’s rate above it, the last point’s below it — and lies in [first rate, last rate]; its penalty is ⌈f·N_c⌉ on its notional at mark, reduced only by the policy’s cap (§7.3, or §10.5’s bankruptcy cap), split ⌊penalty·share⌋ to the liquidator.',
  domain: 'Engines whose policy has the penalty part "linear" (§10.5), at any close size and price. Aave v4’s bonus is linear in the health factor between two points and constant beyond (aave/aave-v4 docs/features/LiquidationEngine.md). Groups taken over by a backstop (§10.8) are judged by LIQ-027 instead.',
  spec: '#105-penalty',
  presumes: ['linear-penalty'],
  check: (c) => {
    const { penalty } = exactOf(c).policy;
    if (penalty.kind !== 'linear') return [];
    const lo = penalty.points[0]!.rate;
    const hi = penalty.points[penalty.points.length - 1]!.rate;
    const out: string[] = [];
    for (const g of ledger(c)) {
      // §10.8: a takeover charges the remaining collateral, not the rate.
      if (g.rate === null || takenOver(c, g)) continue;
      g.fills.forEach((f, i) => {
        if (f.penaltyRate.lt(lo) || f.penaltyRate.gt(hi)) {
          out.push(`group ${g.id} fill ${i} (${f.market}): penalty rate ${s(f.penaltyRate)} outside the function's range [${s(lo)}, ${s(hi)}]`);
        }
      });
      out.push(...penaltyCharged(c, g, g.rate, 'the linear function'));
    }
    return out;
  },
};

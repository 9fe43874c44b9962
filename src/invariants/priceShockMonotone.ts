import { Dec, toCanonical as s, ZERO } from '../model/decimal.ts';
import type { LiquidationResult, Scenario } from '../model/types.ts';
import { resultOf } from './relationSupport.ts';
import type { Case, RelationInvariant } from './invariant.ts';

function scaleOf(x: Dec): number {
  return x.decimalPlaces();
}

/**
 * The domain in which the claim is exact: one position, no price impact, and quote amounts that
 * never need rounding — so rounding residues cannot make a worse price close one lot less.
 */
function inDomain(c: Case): boolean {
  const { params, positions } = c.input;
  if (positions.length !== 1 || !params.priceImpact.isZero()) return false;
  const p = positions[0]!;
  const m = params.markets.get(p.market)!;
  const lotTick = scaleOf(m.lot) + scaleOf(m.tick);
  const pnl = scaleOf(m.lot) + Math.max(scaleOf(m.tick), scaleOf(p.entry));
  const pen = Math.max(...params.steps.map((st) => lotTick + scaleOf(st.rate)));
  return Math.max(pnl, pen) <= params.quoteScale;
}

function closed(r: LiquidationResult): Dec {
  return r.fills.reduce((acc, f) => acc.add(f.size), ZERO);
}

/**
 * LIQ-015 — a more adverse mark never closes less.
 *
 * @remarks For a long, `∂g/∂P = q(1 − r′ − b) + Δ(r′ + b − f) ≥ q(1 − f) > 0`, so the slack falls
 * pointwise as the price falls and the penalty rate can only rise; the first lot multiple that
 * meets the target can only move right, and a full close stays full.
 */
export const priceShockMonotone: RelationInvariant = {
  kind: 'relation',
  id: 'LIQ-015',
  title: 'price-shock monotonicity',
  statement: 'Moving the mark against a single position (down for a long, up for a short) never reduces the size closed; past bankruptcy both close everything.',
  domain: 'Single-position accounts, no price impact, and quote amounts exact at the quote scale (else a rounding residue may shift the answer by a lot). With several positions the close order depends on prices, so no monotonicity is claimed.',
  spec: '#63-minimal-close-of-one-position',
  policy: 'any',
  derive: (c) => {
    if (!inDomain(c)) return [];
    const p = c.input.positions[0]!;
    const { tick } = c.input.params.markets.get(p.market)!;
    const mark = c.input.marks.get(p.market)!;
    const sign = p.size.gt(0) ? -1 : 1;
    const steps = [ONE_TICK, mark.mul('0.02').div(tick).ceil()];
    const out: Scenario[] = [];
    for (const k of steps) {
      const moved = mark.add(tick.mul(k).mul(sign));
      if (moved.gt(0)) out.push({ ...c.scenario, marks: { ...c.scenario.marks, [p.market]: s(moved) } });
    }
    return out;
  },
  compare: (c, runs) => {
    const base = closed(c.result);
    const out: string[] = [];
    for (const run of runs) {
      const r = resultOf(run);
      if (typeof r === 'string') {
        out.push(r);
        continue;
      }
      const market = c.scenario.account.positions[0]!.market;
      const more = closed(r);
      if (more.lt(base)) {
        out.push(`at mark ${c.scenario.marks[market]} the engine closes ${s(base)}, but at the more adverse mark ${run.scenario.marks[market]} only ${s(more)}`);
      }
    }
    return out;
  },
};

const ONE_TICK = new Dec(1);

import { ceilDiv, Dec, ONE, ZERO } from '../model/decimal.ts';
import type { LiquidationResult } from '../model/types.ts';
import type { ExactResult } from '../model/amountResult.ts';
import { ceilDiv as fceilDiv, Fixed, floorDiv, fmax, FONE, FZERO, toDec } from '../model/fixed.ts';
import { exactOf, s } from './ledger.ts';
import { exactRunResult, resultOf } from './relationSupport.ts';
import type { Case, RelationInvariant } from './invariant.ts';
import { derivedInput } from './caseInput.ts';
import { hasInverse as parsedHasInverse } from '../model/parseScenario.ts';
import { deepestRate } from '../policy/penalty/deepestRate.ts';

/**
 * Smallest adverse move of the mark, in ticks, that lowers the slack of every partial close by at
 * least the rounding band `2u`: `g` falls by at least `|q|·κ` per unit of price, with
 * `κ = min(1 − r_max − b, 1 − f_max)`, so a move of `2u / (|q|·κ)` outweighs any rounding residue.
 */
function minimalTicks(c: Case): Dec | null {
  const { params, positions } = c.input;
  if (positions.length !== 1 || !params.priceImpact.isZero()) return null;
  const p = positions[0]!;
  const m = params.markets.get(p.market)!;
  const rMax = m.tiers[m.tiers.length - 1]!.rate;
  // The policy's deepest penalty rate (the schedule's last step by default; §10.5).
  const fMax = toDec(deepestRate(exactOf(c).policy.penalty, exactOf(c).v.params));
  const k1 = ONE.sub(rMax).sub(params.buffer);
  const k2 = ONE.sub(fMax);
  const kappa = k1.lt(k2) ? k1 : k2;
  // Degenerate parameters (κ ≤ 0): the real-valued form, whatever it gives (one tick, or none).
  if (!kappa.gt(ZERO)) return Dec.max(ONE, params.unit.mul(2).div(p.size.abs().mul(kappa)).div(m.tick).ceil());
  // ⌈(2u / (|q|·κ)) / tick⌉ as one exact integer quotient. (It equals the two 200-digit divisions
  // it replaces: a quotient that is an integer is a short exact decimal, and one that is not lies
  // far further from an integer than 200 digits of rounding can move it.)
  return Dec.max(ONE, ceilDiv(params.unit.mul(2), p.size.abs().mul(kappa).mul(m.tick)));
}

const ONE_PERCENT = new Dec('0.01');
const FTWO = new Fixed(2n, 0);
const FONE_PERCENT = new Fixed(1n, 2);

/**
 * The mark moved against the single position by a 1% move, or by the least move that outweighs
 * rounding ({@link minimalTicks}) when that is larger; null outside the domain. In exact integers
 * (the case's amounts, ledger.ts `exactOf`); degenerate parameters (κ ≤ 0) keep the real-valued
 * form of {@link minimalTicks}, which divides.
 */
function movedMark(c: Case): Dec | null {
  const { params, positions } = c.input;
  if (positions.length !== 1 || !params.priceImpact.isZero()) return null;
  const x = exactOf(c);
  const p = x.positions[0]!;
  const m = x.v.params.markets.get(p.market)!;
  const k1 = FONE.sub(m.tiers[m.tiers.length - 1]!.rate).sub(x.v.params.buffer);
  const k2 = FONE.sub(deepestRate(x.policy.penalty, x.v.params));
  const kappa = k1.lt(k2) ? k1 : k2;
  if (!kappa.gt(FZERO)) {
    const tick = params.markets.get(p.market)!.tick;
    const mark = c.input.marks.get(p.market)!;
    const ticks = Dec.max(minimalTicks(c)!, mark.mul(ONE_PERCENT).divToInt(tick));
    return mark.add(tick.mul(ticks).mul(p.size.sign() > 0 ? -1 : 1));
  }
  // The same quotients as minimalTicks and `divToInt` (the mark and the tick are positive, so
  // truncating is flooring), exact.
  const mark = x.v.marks.get(p.market)!;
  const least = fmax(FONE, fceilDiv(x.v.params.unit.mul(FTWO), p.size.abs().mul(kappa).mul(m.tick)));
  const ticks = fmax(least, floorDiv(mark.mul(FONE_PERCENT), m.tick));
  const step = m.tick.mul(ticks);
  return toDec(p.size.sign() > 0 ? mark.sub(step) : mark.add(step));
}

function closed(r: LiquidationResult): Dec {
  return r.fills.reduce((acc, f) => acc.add(f.size), ZERO);
}

/** {@link closed} in exact amounts. */
function closedExact(r: ExactResult): Fixed {
  return r.fills.reduce((acc, f) => acc.add(f.size), FZERO);
}

/**
 * LIQ-015 — a more adverse mark never closes less.
 *
 * @remarks For a long, `∂g/∂P = q(1 − r′ − b) + Δ(r′ + b − f) ≥ q·κ > 0`, so the slack falls
 * pointwise as the price falls, and the penalty rate can only rise. Every lot multiple below the
 * original answer had `ĝ < 0`, hence `g < 2u`; after a move of at least `2u/(qκ)` it has `g < 0`.
 * Dust cannot help either for a long: a remainder that was dust stays dust at a lower price. For a
 * short it can (the remainder's notional grows with the price), so a short's full close is outside
 * the domain when the dust threshold is positive.
 */
export const priceShockMonotone: RelationInvariant = {
  kind: 'relation',
  id: 'LIQ-015',
  title: 'price-shock monotonicity',
  statement: 'Moving the mark against a single position (down for a long, up for a short) never reduces the size closed; past bankruptcy both close everything.',
  domain: 'Single-position accounts without price impact, for moves of at least 2u / (|q|·κ), κ = min(1 − r_max − b, 1 − f_max), so that sub-unit rounding cannot decide (a smaller move may close one lot less by rounding alone). Not for a short fully closed under a positive dust threshold: the higher mark grows the remainder and may make a smaller, non-dust close possible. With several positions the close order depends on prices, so no monotonicity is claimed. Linear contracts only: not judged on a scenario with inverse markets (§12.8), where the least move that outweighs rounding is another formula and dust flips side (a long’s remainder is worth more coin at a lower price).',
  spec: '#63-minimal-close-of-one-position',
  presumes: ['price-monotone', 'mark-price'],
  derive: (c) => {
    // §12.8: the least move and the dust exclusion below are stated for linear values.
    if (parsedHasInverse(c.input.params)) return [];
    const moved = movedMark(c);
    if (moved === null) return [];
    const p = c.input.positions[0]!;
    // A short's remainder grows with an adverse (higher) mark, so a close that was full only to
    // avoid dust may become a smaller partial one: outside the claim.
    const fullClose = exactOf(c).output.account.positions.length === 0;
    if (p.size.lt(ZERO) && c.input.params.dustNotional.gt(ZERO) && fullClose) return [];
    // One derived run per case keeps the catalog affordable: a 1% move, or the least move that
    // outweighs rounding when that is larger (movedMark).
    if (!moved.gt(ZERO)) return [];
    // Whole ticks from a tick-aligned mark: still on the tick grid, and positive.
    const parsed = { ...c.input, marks: new Map(c.input.marks).set(p.market, moved) };
    return [derivedInput(parsed, () => ({ ...c.scenario, marks: { ...c.scenario.marks, [p.market]: s(moved) } }), [moved])];
  },
  compare: (c, runs) => {
    const out: string[] = [];
    for (const run of runs) {
      // In exact amounts when the engine recorded them (no strings to write), else on the wire.
      const exact = exactRunResult(run);
      let base: Dec | Fixed;
      let more: Dec | Fixed;
      let less: boolean;
      if (exact !== undefined) {
        base = closedExact(exactOf(c).output);
        more = closedExact(exact);
        less = more.lt(base);
      } else {
        const r = resultOf(run);
        if (typeof r === 'string') {
          out.push(r);
          continue;
        }
        base = c.output.fills.reduce((acc, f) => acc.add(f.size), ZERO);
        more = closed(r);
        less = more.lt(base);
      }
      const market = c.scenario.account.positions[0]!.market;
      if (less) {
        out.push(`at mark ${c.scenario.marks[market]} the engine closes ${s(base)}, but at the more adverse mark ${run.scenario.marks[market]} only ${s(more)}`);
      }
    }
    return out;
  },
};

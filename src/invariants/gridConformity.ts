import { valueOf } from '../model/contract.ts';
import { contractOf } from './contractOf.ts';
import { pow10, type Fixed } from '../model/fixed.ts';
import { exactOf, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/** True when `x` is an integer multiple of `step > 0`: at a common scale, the mantissas divide. */
export function isMultipleOf(x: Fixed, step: Fixed): boolean {
  const d = x.s - step.s;
  return d >= 0 ? x.m % (step.m * pow10(d)) === 0n : (x.m * pow10(-d)) % step.m === 0n;
}

/** A fill's quote amounts, each on the quote unit. */
const FILL_AMOUNTS = ['penalty', 'liquidatorFee', 'insuranceFee', 'realizedPnl'] as const;

/** The message for an amount off the quote unit; written only for one that is (not per amount checked). */
function offUnit(what: string, x: Fixed, unit: Fixed): string {
  return `${what} ${s(x)} is not a multiple of the quote unit ${s(unit)}`;
}

/**
 * LIQ-009 — sizes, prices and amounts sit on their grids, and no dust is left. Presumes nothing of
 * the policy: every option of spec §10 keeps sizes on the lot, prices on the tick and amounts on
 * the quote unit. Which price a fill should have is LIQ-024 (at mark) or LIQ-023 (a book's).
 *
 * @see docs/spec.md#13-rounding
 * @see docs/spec.md#64-dust
 */
export const gridConformity: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-009',
  title: 'lot, tick, quote-unit and dust conformity',
  statement: 'Fill and remaining sizes are lot multiples; fill prices are tick multiples; every quote amount except the insurance fund balance (which holds sub-unit rounding residues) is a multiple of the quote unit; a reduced position is left at or above the dust notional. (Which price a fill executes at moved to LIQ-024, at mark, and LIQ-023, from a book.)',
  domain: 'All scenarios. Counter-cases in real engines: Aave v4 leaves dust on one side when the other is exhausted (I13).',
  spec: '#13-rounding',
  presumes: [],
  check: (c) => {
    const { v, output: o } = exactOf(c);
    const { params, marks } = v;
    const out: string[] = [];
    const { unit } = params;
    o.fills.forEach((f, i) => {
      const m = params.markets.get(f.market);
      const mark = marks.get(f.market);
      if (m === undefined || mark === undefined) return;
      if (!isMultipleOf(f.size, m.lot)) out.push(`fill ${i} (${f.market}) size ${s(f.size)} is not a multiple of the lot ${s(m.lot)}`);
      if (!isMultipleOf(f.price, m.tick)) out.push(`fill ${i} (${f.market}) price ${s(f.price)} is not a multiple of the tick ${s(m.tick)}`);
      for (const k of FILL_AMOUNTS) if (!isMultipleOf(f[k], unit)) out.push(offUnit(`fill ${i} (${f.market}) ${k}`, f[k], unit));
    });
    if (!isMultipleOf(o.account.collateral, unit)) out.push(offUnit('collateral', o.account.collateral, unit));
    if (!isMultipleOf(o.insurancePayout, unit)) out.push(offUnit('insurance payout', o.insurancePayout, unit));
    if (!isMultipleOf(o.badDebt, unit)) out.push(offUnit('bad debt', o.badDebt, unit));
    if (!isMultipleOf(o.socializedLoss, unit)) out.push(offUnit('socialized loss', o.socializedLoss, unit));
    const touched = new Set(o.fills.map((f) => f.market));
    for (const p of o.account.positions) {
      const m = params.markets.get(p.market);
      const mark = marks.get(p.market);
      if (m === undefined || mark === undefined) continue;
      if (p.isolatedMargin !== null && !isMultipleOf(p.isolatedMargin, unit)) out.push(offUnit(`${p.market} isolated margin`, p.isolatedMargin, unit));
      if (!isMultipleOf(p.size, m.lot)) out.push(`${p.market} is left at ${s(p.size)}, not a multiple of the lot ${s(m.lot)}`);
      const notional = valueOf(contractOf(v, p.market), p.size.abs(), mark, params.unit);
      if (touched.has(p.market) && notional.lt(params.dustNotional)) {
        out.push(`${p.market} is reduced to notional ${s(notional)}, below the dust threshold ${s(params.dustNotional)}`);
      }
    }
    return out;
  },
};

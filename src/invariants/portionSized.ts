import { smallestAtLeast, valueOf } from '../model/contract.ts';
import { ceilTo, fmax, fmin } from '../model/fixed.ts';
import { contractOf } from './contractOf.ts';
import { closeOrder } from './closeOrder.ts';
import { exactOf, ledger, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';
import { takenOver } from './backstopTakeover.ts';

/**
 * LIQ-019 — a fixed-portion call closes exactly its portion, once, on the first position.
 *
 * @remarks Judged from the engine's own fill against the §10.3 formula written out here (not by
 * running the reference): the smallest lot multiple that is at least `portion · |q|` and worth at
 * least `minimumNotional` at mark, or the whole position when the rest would be worth less than
 * `max(minimumNotional, dustNotional)`.
 * @see docs/spec.md#103-close-size
 */
export const portionSized: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-019',
  title: 'portion-sized close',
  statement:
    'Under fixed-portion, each liquidated group gets exactly one fill, on the first position of the §6.2 order, of Δ = min(|q|, max(⌈portion·|q|⌉_ℓ, ⌈minimumNotional/(ℓ·P)⌉·ℓ)), or of the whole position when (|q| − Δ)·P < max(minimumNotional, dustNotional).',
  domain: 'Scenarios under a fixed-portion close size at mark price (a book may split or shorten a close). dYdX v4 rounds the base size down to the step, so it closes one lot less than this rule when the portion is not a lot multiple; Hyperliquid closes 20 % with a cooldown between calls (not modelled). Groups taken over by a backstop (§10.8) are judged by LIQ-027 instead. Inverse markets: values are §12.2’s coin values N = ⌈s·v/P⌉_u and the minimum-notional size §12.5’s smallest lot multiple worth at least it.',
  spec: '#103-close-size',
  presumes: ['portion-sized'],
  check: (c) => {
    const x = exactOf(c);
    const rule = x.policy.closeSize;
    if (rule.kind !== 'fixed-portion') return [];
    const { v } = x;
    const out: string[] = [];
    for (const g of ledger(c)) {
      // §10.8: a takeover closes every position, decided on the scenario's own E and MM.
      // §13.3: a cross group with assets and no position has nothing to close.
      if (!g.liquidatable || takenOver(c, g) || g.before.positions.length === 0) continue;
      if (g.fills.length !== 1) {
        out.push(`group ${g.id}: ${g.fills.length} fills, but a fixed-portion call makes exactly one`);
        continue;
      }
      const f = g.fills[0]!;
      const first = closeOrder(v, g.before.positions)[0]!;
      if (f.market !== first) {
        out.push(`group ${g.id}: the fill is on ${f.market}, but the first position of the close order is ${first}`);
        continue;
      }
      const pos = g.before.positions.find((p) => p.market === first)!;
      const a = pos.size.abs();
      const mark = v.marks.get(first)!;
      const lot = v.params.markets.get(first)!.lot;
      const contract = contractOf(v, first);
      const { unit } = v.params;
      // §12.5: the smallest lot multiple worth at least the minimum (linear ⌈F/(ℓ·P)⌉·ℓ).
      const least = fmax(ceilTo(rule.portion.mul(a), lot), smallestAtLeast(contract, rule.minimumNotional, lot, mark, unit));
      const portion = fmin(a, least);
      const whole = valueOf(contract, a.sub(portion), mark, unit).lt(fmax(rule.minimumNotional, v.params.dustNotional));
      const want = whole ? a : portion;
      if (!f.size.eq(want)) {
        out.push(
          `group ${g.id}: the fill closes ${s(f.size)} ${first} of ${s(a)}, but the portion rule gives ${s(want)} (portion ${s(rule.portion)}, minimum notional ${s(rule.minimumNotional)}, lot ${s(lot)}, mark ${s(mark)}${whole ? ': the rest would be below the minimum' : ''})`,
        );
      }
    }
    return out;
  },
};

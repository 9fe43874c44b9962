/**
 * Profile zoo engine "one lot left": a close of a whole position of more than one lot sends one
 * lot less, so one lot stays open; every other close, and everything else, is the policy's.
 *
 * Bug class: a close size recomputed from the position's notional and rounded down to the lot
 * (`⌊|q|·P / (ℓ·P)⌋` in floating point lands one lot short), the dust positions venues then sweep
 * separately. Realistic; the "full close leaves dust" reports of exchanges' reduce-only orders are
 * of this kind, no venue's liquidation report of it found.
 *
 * Violates LIQ-021 (a full-close policy leaves a position open) and LIQ-003 (the lot left open
 * after a close at the bankruptcy price does not meet its target).
 */
import { marketOf } from '../../model/fixedCore.ts';
import type { Engine } from '../../model/types.ts';
import { executeClose } from '../../policy/price/executeClose.ts';
import { underPolicy } from './support.ts';

export const oneLotLeft: Engine = underPolicy(() => ({
  execute: (cx, g, market, size) => {
    const whole = g.positions.find((p) => p.market === market)!.size.abs();
    const { lot } = marketOf(cx.v, market);
    return executeClose(cx, g, market, size.eq(whole) && whole.gt(lot) ? size.sub(lot) : size);
  },
}));

/**
 * The dishonest claims an adversarial prover tries (spec §15.8): each a wrong answer with a
 * consistently forced witness, so that a circuit accepting it has a real soundness hole, not a
 * hint left inconsistent by accident.
 *
 * @remarks Why forced consistently: a wrong close size comes with the fill, the probes and the
 * minimality bit computed as the rules say for that size; a wrong amount (±u) moves the quotient
 * hint that defines it and recomputes every amount downstream (fee from the penalty, bankruptcy,
 * payout). What remains violated is exactly the constraint the claim breaks, so the circuit must
 * reject it by that constraint.
 * @see docs/spec.md#15-circuit-friendly-profile
 */
import type { CircuitForm } from './circuitForm.ts';
import { closeOf, fillOf, honestClose, Valuation, witnessOf, type Claim, type Tweak, type Witness } from './witness.ts';

/** The kinds of dishonest claims, in the order the adversarial engine tries them. */
export const ALTERNATIVE_KINDS = [
  'one-lot-less',
  'one-lot-more',
  'healthy-instead',
  'liquidated-instead',
  'full-instead',
  'status-flip',
  'penalty-minus-u',
  'penalty-plus-u',
  'fee-minus-u',
  'fee-plus-u',
  'pnl-minus-u',
  'pnl-plus-u',
  'payout-minus-u',
  'payout-plus-u',
] as const;

export type AlternativeKind = (typeof ALTERNATIVE_KINDS)[number];

export interface Alternative {
  readonly kind: AlternativeKind;
  readonly witness: Witness;
}

/** Whether two claims are the same answer. */
export function sameClaim(a: Claim, b: Claim): boolean {
  return a.status === b.status && a.closeLots === b.closeLots && a.penalty === b.penalty && a.liquidatorFee === b.liquidatorFee
    && a.realizedPnl === b.realizedPnl && a.insurancePayout === b.insurancePayout && a.badDebt === b.badDebt;
}

/**
 * Every dishonest claim of a form with a position that differs from the honest one, each kind at
 * most once, in {@link ALTERNATIVE_KINDS} order.
 */
export function alternatives(form: CircuitForm): readonly Alternative[] {
  const v = new Valuation(form);
  const honest = honestClose(v);
  const honestWitness = witnessOf(v, honest.status, honest.closeLots);
  const n = v.n;
  const out: Alternative[] = [];
  const add = (kind: AlternativeKind, w: Witness | null): void => {
    if (w !== null && !sameClaim(w.claim, honestWitness.claim)) out.push({ kind, witness: w });
  };
  const { status, closeLots: j } = honest;
  const partial = (k: bigint): Witness => witnessOf(v, 1, k);
  // §7.4: closing the whole position is bankrupt iff the collateral after is negative.
  const closed = (): Witness => witnessOf(v, fillOf(v, n).after < 0n ? 3 : 2, n);
  add('one-lot-less', status === 1 ? (j >= 2n ? partial(j - 1n) : null) : status >= 2 && n >= 2n ? partial(n - 1n) : null);
  add('one-lot-more', status === 1 ? (j + 1n <= n - 1n ? partial(j + 1n) : closed()) : null);
  add('healthy-instead', status !== 0 ? witnessOf(v, 0, 0n) : null);
  if (status === 0) {
    const forced = closeOf(v);
    add('liquidated-instead', witnessOf(v, forced.status, forced.closeLots));
  }
  add('full-instead', status === 1 ? closed() : null);
  add('status-flip', status >= 2 ? witnessOf(v, status === 2 ? 3 : 2, n) : null);
  if (status !== 0) {
    const tweaked = (t: Tweak): Witness => witnessOf(v, status, j, t);
    add('penalty-minus-u', tweaked({ penalty: -1n }));
    add('penalty-plus-u', tweaked({ penalty: 1n }));
    add('fee-minus-u', tweaked({ fee: -1n }));
    add('fee-plus-u', tweaked({ fee: 1n }));
    add('pnl-minus-u', tweaked({ pnl: -1n }));
    add('pnl-plus-u', tweaked({ pnl: 1n }));
    add('payout-minus-u', tweaked({ payout: -1n }));
    add('payout-plus-u', tweaked({ payout: 1n }));
  }
  return out;
}

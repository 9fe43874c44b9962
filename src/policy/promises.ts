/**
 * What each policy part guarantees, and which invariants an engine is judged by (spec §10.7).
 *
 * An invariant presumes a set of promises; it is judged on an engine only when the engine's
 * declared policy makes every one of them. A policy the reference does not know (a name it cannot
 * resolve) makes none: it is judged by the invariants that presume nothing, with the requirement
 * and trigger of the scenario's params.
 * @see docs/spec.md#107-promises
 */
import type { FPolicy } from './policy.ts';

/** Every promise, with the words a report uses for it. */
export const PROMISES = {
  runnable: 'the reference can run the policy, so results can be compared with it',
  acts: 'a liquidatable group gets at least one fill in the call',
  restorative: 'a liquidated group is left flat or meeting the target',
  minimal: 'the close is the smallest lot multiple that meets the target, largest notional first',
  'portion-sized': 'one fill of max(portion · |q|, minimum notional) on the lot grid, or the whole position',
  'steps-down': 'a reduced position is left within the limit of a lower tier',
  'full-only': 'a liquidated group is closed in full',
  'request-bounded': "no fill exceeds the liquidator's request capped by the close factor",
  'price-monotone': 'a larger adverse move of a single position closes no less',
  'mark-price': 'fills execute at the mark conceded by the price impact, on the tick (§7.1)',
  'book-consistent': 'fills walk the order book: never beyond its depth, at its levels’ prices',
  'bankruptcy-price': 'every fill is at the bankruptcy price of the part it closes: where its value above bankruptcy E⁻ − E·MM′/MM is used up, on the tick (§10.4)',
  'mirror-symmetric': 'flipping every side and reflecting prices about the mark mirrors the result',
  'loss-buffered': 'the requirement adds lossBuffer · max(0, −U_i) per position, with lossBuffer > 0 (§10.2)',
  'step-penalty': 'the penalty rate is the step schedule of params on the margin ratio (§5)',
  'linear-penalty': 'the penalty rate is the policy’s piecewise-linear function of the margin ratio',
  'penalty-capped': 'a penalty is never taken out of negative equity (§7.3)',
  'fee-bounded-by-bankruptcy': 'a fill’s penalty never exceeds its own value above bankruptcy, E⁻ − E·MM′/MM (§10.5, dYdX v4)',
  'distress-monotone': 'more distress never lowers the penalty rate',
  'insurance-then-socialized': 'bad debt is paid by the insurance fund first, the rest socialized (§7.4)',
  backstop: 'below the backstop threshold the group is taken over whole at mark, with its remaining equity; above it the backstop does not act (§10.8)',
} as const;

export type PolicyPromise = keyof typeof PROMISES;

/** The promises of a declared policy; `null` is a policy the reference does not know. */
export function promisesOf(p: FPolicy | null): ReadonlySet<PolicyPromise> {
  const out = new Set<PolicyPromise>();
  if (p === null) return out;
  out.add('runnable');
  // §10.2: the mirror (e′ = 2P − e) keeps U_i, |q_i| and N_i, so only a valuation at entry breaks it.
  // Both price parts keep the mirror: LIQ-013 reflects a book with the scenario (bids ↔ asks about the mark).
  const symmetric = { requirement: p.requirement.kind !== 'tiers' || p.requirement.valuation === 'mark' };
  if (p.requirement.lossBuffer.sign() > 0) out.add('loss-buffered');
  switch (p.closeSize.kind) {
    case 'minimal':
      out.add('acts').add('restorative').add('minimal').add('price-monotone');
      break;
    case 'fixed-portion':
      // The size rule is stated at mark: a book may split the close into levels or leave a rest.
      out.add('acts');
      if (p.price.kind === 'mark') out.add('portion-sized');
      // A minimum notional is fewer base units at a higher mark: a short's close can shrink.
      if (p.closeSize.minimumNotional.isZero()) out.add('price-monotone');
      break;
    case 'step-down':
      out.add('acts').add('restorative');
      if (p.price.kind === 'mark') out.add('steps-down');
      break;
    case 'full':
      out.add('acts').add('restorative').add('price-monotone');
      // A book that runs dry with the rest left open does not close the group.
      if (p.price.kind !== 'book' || p.price.remainder !== 'left') out.add('full-only');
      break;
    case 'requested':
      out.add('request-bounded');
      break;
  }
  switch (p.price.kind) {
    case 'mark':
      out.add('mark-price');
      break;
    case 'book':
      out.add('book-consistent');
      // A book's depth does not move with the mark, and closing at mark-relative levels is what the
      // closed forms of the size rules assume: no restorative or monotone claim survives a thin book.
      out.delete('restorative');
      out.delete('price-monotone');
      out.delete('minimal');
      // A close walks several levels: several fills of one market, not the portion rule's one.
      out.delete('portion-sized');
      if (p.price.remainder === 'left') {
        // An empty or thin side leaves the close short of its size, or does nothing at all.
        out.delete('acts');
        out.delete('full-only');
        out.delete('steps-down');
      }
      break;
    case 'bankruptcy':
      // §10.4: a fill at x_b leaves the group's margin ratio where it was (V ≈ 0), so no close
      // short of everything restores it; a full close still leaves the group flat.
      out.add('bankruptcy-price');
      if (p.closeSize.kind !== 'full') out.delete('restorative');
      out.delete('minimal');
      out.delete('price-monotone');
      break;
  }
  switch (p.penalty.kind) {
    case 'steps':
      out.add('step-penalty').add('penalty-capped').add('distress-monotone');
      break;
    case 'linear':
      out.add('linear-penalty').add('penalty-capped').add('distress-monotone');
      break;
  }
  // The bankruptcy cap is tighter than §7.3's (the fill's share of the equity, not the group's), so both hold.
  if (p.penalty.cap === 'bankruptcy') out.add('fee-bounded-by-bankruptcy');
  if (p.loss.kind === 'insurance-then-socialized') out.add('insurance-then-socialized');
  if (p.trigger.kind === 'backstop') {
    out.add('backstop');
    // §10.8: a takeover closes everything at mark and charges the collateral, not the rate, so the
    // size rules', the rate's and the book walk's promises do not hold of its fills; they stand for
    // every other group, and their invariants skip the groups taken over (judged by LIQ-027).
    // An adverse move must only push a group toward the takeover: E − θ·MM falls with it while the
    // requirement's slope in the mark stays below 1/θ, as a tier rate does (< 1); a size-scaled
    // rate r₀ + k·|q| has no such bound.
    if (p.requirement.kind === 'size-scaled') out.delete('price-monotone');
  }
  if (symmetric.requirement) out.add('mirror-symmetric');
  return out;
}

/** An invariant's id and presumptions, as {@link judgedBy} reads them. */
export interface Presuming {
  readonly id: string;
  readonly presumes: readonly PolicyPromise[];
}

/** An invariant not judged on an engine, and the promises its policy does not make. */
export interface NotJudged {
  readonly id: string;
  readonly missing: readonly PolicyPromise[];
}

/** Splits `catalog` into the invariants judged under `promises` and those that are not, with why. */
export function judgedBy<T extends Presuming>(catalog: readonly T[], promises: ReadonlySet<PolicyPromise>): { readonly judged: T[]; readonly notJudged: NotJudged[] } {
  const judged: T[] = [];
  const notJudged: NotJudged[] = [];
  for (const i of catalog) {
    const missing = i.presumes.filter((p) => !promises.has(p));
    if (missing.length === 0) judged.push(i);
    else notJudged.push({ id: i.id, missing });
  }
  return { judged, notJudged };
}

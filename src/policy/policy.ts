/**
 * A liquidation policy in parsed form (spec §10): one option per part, amounts as exact integers
 * ({@link Fixed}), since only the integer core (src/model/fixedCore.ts) runs policies other than
 * the reference's.
 * @see docs/spec.md#10-policies
 */
import { FZERO, type Fixed } from '../model/fixed.ts';

export type Valuation = 'mark' | 'entry';

/** §10.2: what an account must hold. */
export type FRequirement =
  | { readonly kind: 'tiers'; readonly valuation: Valuation; readonly lossBuffer: Fixed }
  | { readonly kind: 'size-scaled'; readonly baseRate: Fixed; readonly sizeRate: Fixed; readonly minimum: Fixed; readonly lossBuffer: Fixed };

/** §10.3: how much one call closes. */
export type FCloseSize =
  | { readonly kind: 'minimal' }
  | { readonly kind: 'fixed-portion'; readonly portion: Fixed; readonly minimumNotional: Fixed }
  | { readonly kind: 'step-down' }
  | { readonly kind: 'full' }
  | { readonly kind: 'requested'; readonly closeFactor: Fixed; readonly maximumSize: Fixed | null };

/** §10.4: at what price a close fills. */
export type FPrice = { readonly kind: 'mark' } | { readonly kind: 'book'; readonly remainder: 'left' | 'bankruptcy' | 'backstop' } | { readonly kind: 'bankruptcy' };

/** §10.5: what caps a fill's penalty: the group's equity (§7.3, absent) or the fill's value above bankruptcy. */
export type PenaltyCap = 'equity' | 'bankruptcy';

/** §10.5: what a close costs the trader. `cap` is absent for §7.3's cap (the default), so the reference's part stays `{ kind: 'steps' }`. */
export type FPenalty =
  | { readonly kind: 'steps'; readonly cap?: 'bankruptcy' }
  | { readonly kind: 'linear'; readonly points: readonly { readonly marginRatio: Fixed; readonly rate: Fixed }[]; readonly cap?: 'bankruptcy' };

/** §10.6: who pays bad debt. */
export type FLoss = { readonly kind: 'insurance-then-socialized' };

/** §10.8: when a group is liquidated, and below which threshold a backstop takes it over (`numerator/denominator` of MM, ≤ 1). */
export type FTrigger = { readonly kind: 'params' } | { readonly kind: 'backstop'; readonly numerator: bigint; readonly denominator: bigint };

/** §13.4: whether the cross group's assets are sold after its positions are closed, and to what goal. */
export type FCollateral = { readonly kind: 'none' } | { readonly kind: 'sell'; readonly restore: 'deficit' | 'target' };

export interface FPolicy {
  /** for reports: the policy's `name`, else `minimal-close` for the reference's, else one built from its parts */
  readonly name: string;
  readonly requirement: FRequirement;
  readonly closeSize: FCloseSize;
  readonly price: FPrice;
  readonly penalty: FPenalty;
  readonly loss: FLoss;
  readonly trigger: FTrigger;
  /** §13.4; absent is `none` (so every policy built before §13 keeps its shape) */
  readonly collateral?: FCollateral;
  /** every part is the reference's (spec §3–§7): a scenario under it may omit `policy` */
  readonly isReference: boolean;
}

export const REFERENCE_POLICY_NAME = 'minimal-close';

/** The reference policy: every part at its default (spec §10.1). */
export const REFERENCE_POLICY: FPolicy = Object.freeze({
  name: REFERENCE_POLICY_NAME,
  requirement: Object.freeze({ kind: 'tiers', valuation: 'mark', lossBuffer: FZERO }),
  closeSize: Object.freeze({ kind: 'minimal' }),
  price: Object.freeze({ kind: 'mark' }),
  penalty: Object.freeze({ kind: 'steps' }),
  loss: Object.freeze({ kind: 'insurance-then-socialized' }),
  trigger: Object.freeze({ kind: 'params' }),
  isReference: true,
} as const);

/** Whether every part of `p` is the reference's part with the reference's parameters. */
export function isReferenceParts(p: Omit<FPolicy, 'name' | 'isReference'>): boolean {
  const r = p.requirement;
  return (
    r.kind === 'tiers' &&
    r.valuation === 'mark' &&
    r.lossBuffer.isZero() &&
    p.closeSize.kind === 'minimal' &&
    p.price.kind === 'mark' &&
    p.penalty.kind === 'steps' &&
    p.penalty.cap === undefined &&
    p.loss.kind === 'insurance-then-socialized' &&
    p.trigger.kind === 'params' &&
    (p.collateral === undefined || p.collateral.kind === 'none')
  );
}

/** A name for a policy without one: the non-default parts' kinds, `+`-joined, e.g. `fixed-portion+book`. */
export function nameOf(p: Omit<FPolicy, 'name' | 'isReference'>): string {
  if (isReferenceParts(p)) return REFERENCE_POLICY_NAME;
  const parts: string[] = [];
  const r = p.requirement;
  if (r.kind !== 'tiers') parts.push(r.kind);
  else if (r.valuation === 'entry') parts.push('entry-valued');
  if (!r.lossBuffer.isZero()) parts.push('loss-buffer');
  parts.push(p.closeSize.kind === 'minimal' ? 'minimal-close' : p.closeSize.kind);
  if (p.price.kind !== 'mark') parts.push(p.price.kind);
  if (p.penalty.kind !== 'steps') parts.push(`${p.penalty.kind}-penalty`);
  if (p.penalty.cap === 'bankruptcy') parts.push('bankruptcy-capped');
  if (p.trigger.kind === 'backstop') parts.push(`backstop-${p.trigger.numerator}/${p.trigger.denominator}`);
  if (p.collateral?.kind === 'sell') parts.push(`sell-${p.collateral.restore}`);
  return parts.join('+');
}

/**
 * Zoo engine "insurance ignored": bad debt is socialized in full; the insurance fund pays
 * nothing, whatever its balance.
 *
 * Bug class: the insurance-fund draw skipped or misrouted (wrong fund account, a paused vault, a
 * zero-address check) so auto-deleveraging / loss socialization kicks in while the fund that
 * exists to absorb it sits untouched.
 *
 * Violates LIQ-011 (insurance fund drawn before socializing).
 */
import { Dec, toCanonical as s } from '../model/decimal.ts';
import type { Engine } from '../model/types.ts';
import { withResult } from './support.ts';

export const insuranceIgnored: Engine = withResult((r) => ({
  ...r,
  insuranceFund: s(new Dec(r.insuranceFund).add(r.insurancePayout)),
  insurancePayout: '0',
  socializedLoss: r.badDebt,
}));

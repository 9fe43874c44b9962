/**
 * Zoo engine "insurance overdrawn": the insurance fund pays the whole deficit even beyond its
 * balance, going negative; nothing is ever socialized.
 *
 * Bug class: a missing `min(deficit, balance)` — the fund's balance is an unchecked signed
 * integer, so the protocol books a liability nobody funds (the fund "owes" money) instead of
 * socializing the shortfall.
 *
 * Violates LIQ-011 (insurance fund never negative).
 */
import { Dec, toCanonical as s } from '../model/decimal.ts';
import type { Engine } from '../model/types.ts';
import { withResult } from './support.ts';

export const insuranceOverdrawn: Engine = withResult((r) => ({
  ...r,
  insuranceFund: s(new Dec(r.insuranceFund).sub(r.socializedLoss)),
  insurancePayout: r.badDebt,
  socializedLoss: '0',
}));

/**
 * The hand-computed result of spec §11.4–§11.6's worked example (not a published vector, not read
 * from the reference), shared by the tests that check it: §11.2's account (10 WETH at 2000, LT
 * 0.825, LB 1.05, fee 0.1, against 17,000 USDC) under Aave's 50 % close factor — the same whether
 * the factor is of the reserve or of the total (one debt) and under v3.3's dust rule (8,500 left).
 *
 * W = 16500 < D = 17000, HF = 33/34 floored; M = ⌊0.5 · 17000⌋ = 8500; s = 8500 · 1.05 / 2000 =
 * 4.4625; fee = ⌈(4.4625 − 4.25) · 0.1⌉ = 0.02125; after 5.5375 WETH and 8500 USDC,
 * W′ = 11075 · 0.825 = 9136.875, HF′ = 9136.875 / 8500 floored.
 * @see docs/spec.md#11-lending-health-factor
 */
import type { LendingResult } from '../../wire/lending.ts';

export const AAVE_PARTIAL: LendingResult = {
  status: 'liquidated',
  repaid: { USDC: '8500' },
  seized: { WETH: '4.4625' },
  protocolFee: { WETH: '0.02125' },
  liquidatorReceives: { WETH: '4.44125' },
  deficit: {},
  account: { supplies: { WETH: '5.5375' }, borrows: { USDC: '8500' } },
  healthBefore: '0.970588235294117647',
  healthAfter: '1.074926470588235294',
};

/**
 * The worked example of spec §10.8 as a scenario (hand-computed, not a published vector), for the
 * backstop's tests and LIQ-027's.
 * @internal
 */
import type { Scenario, Trigger } from '../../model/types.ts';
import type { Policy } from '../../wire/policy.ts';

export const TWO_THIRDS: Policy = { trigger: { kind: 'backstop', numerator: '2', denominator: '3' } };
export const TIER = [{ notionalFloor: '0', maintenanceRate: '0.01', maintenanceAmount: '0', initialRate: '0.5' }];

/** §10.8's example: a long BTC (U = −200, MM = 298) and a short ETH (U = −0.291, MM = 6.003), cross. */
export function example(collateral: string, opts: { policy?: Policy; priceImpact?: string; trigger?: Trigger } = {}): Scenario {
  return {
    params: {
      quoteScale: 2,
      trigger: opts.trigger ?? 'strict',
      targetBuffer: '0',
      penalty: { steps: [{ maxMarginRatio: '1', rate: '0.002' }], liquidatorShare: '0.5' },
      dustNotional: '0',
      priceImpact: opts.priceImpact ?? '0',
      markets: { 'BTC-PERP': { lotSize: '0.01', tickSize: '0.1', tiers: TIER }, 'ETH-PERP': { lotSize: '0.1', tickSize: '0.1', tiers: TIER } },
    },
    marks: { 'BTC-PERP': '29800', 'ETH-PERP': '2001' },
    account: {
      collateral,
      positions: [
        { market: 'ETH-PERP', size: '-0.3', entryPrice: '2000.03' },
        { market: 'BTC-PERP', size: '1', entryPrice: '30000' },
      ],
    },
    insuranceFund: '0',
    policy: opts.policy ?? TWO_THIRDS,
  } as Scenario;
}


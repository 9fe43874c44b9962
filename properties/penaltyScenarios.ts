/**
 * The hand-computed scenario of the penalty invariants' tests (spec §10.5 worked example): one
 * long of 1 at entry 10000, mark 9000, one bracket at 10 %, so N = 9000, MM = 900, U = −1000; with
 * collateral 1630, E = 630 and ρ = 0.7 (segment 1 of the worked example's points).
 */
import type { Scenario } from '../src/model/types.ts';
import type { Policy } from '../src/wire/policy.ts';

/** The worked example's points of §10.5. */
export const WORKED_POINTS = [
  { marginRatio: '1', rate: '0.01' },
  { marginRatio: '0.8', rate: '0.05' },
  { marginRatio: '0.5', rate: '0.1' },
] as const;

export const WORKED_POLICY: Policy = { penalty: { kind: 'linear', points: WORKED_POINTS.map((p) => ({ ...p })) } };

/** The scenario under the reference policy (step schedule: one step, 0.2 % at ρ ≤ 1). */
export const STEPS_SCENARIO: Scenario = {
  params: {
    quoteScale: 2,
    trigger: 'strict',
    targetBuffer: '0',
    penalty: { steps: [{ maxMarginRatio: '1', rate: '0.002' }], liquidatorShare: '0.5' },
    dustNotional: '0',
    priceImpact: '0',
    markets: {
      'BTC-PERP': { lotSize: '0.001', tickSize: '0.1', tiers: [{ notionalFloor: '0', maintenanceRate: '0.1', maintenanceAmount: '0', initialRate: '0.2' }] },
    },
  },
  marks: { 'BTC-PERP': '9000' },
  account: { collateral: '1630', positions: [{ market: 'BTC-PERP', size: '1', entryPrice: '10000' }] },
  insuranceFund: '0',
};

/** The same under the worked example's linear penalty. */
export const LINEAR_SCENARIO: Scenario = { ...STEPS_SCENARIO, policy: WORKED_POLICY };

/**
 * Risk-parameter sets that are each wrong in one way, for the parameter invariants
 * (PAR-001…PAR-004). Each starts from the built-in default profile (which passes all four) and
 * changes one thing.
 */
import { defaultParams } from '../arbitraries/index.ts';
import type { RiskParams } from '../model/types.ts';

export interface BadParams {
  readonly name: string;
  /** what is wrong and which real-world mistake it mimics */
  readonly bug: string;
  readonly params: RiskParams;
  /** the PAR id that must flag it */
  readonly violates: string;
  /** other PAR ids the same single change necessarily breaks too */
  readonly alsoViolates?: readonly string[];
}

const base = defaultParams;
const btc = base.markets['BTC-PERP']!;
const eth = base.markets['ETH-PERP']!;

/** BTC with its tier-1 maintenance amount typed by hand: 250 instead of 50 000·(0.005 − 0.004) = 50. */
const jumpyBtc = { ...btc, tiers: btc.tiers.map((t, n) => (n === 1 ? { ...t, maintenanceAmount: '250' } : t)) };

export const BAD_PARAMS: readonly BadParams[] = [
  {
    name: 'discontinuousTiers',
    bug: 'a hand-typed maintenance amount (cum_1 = 250, continuity needs 50): MM jumps at the 50 000 floor, so adding notional can lower the requirement',
    params: { ...base, markets: { ...base.markets, 'BTC-PERP': jumpyBtc } },
    violates: 'PAR-001',
  },
  {
    name: 'penaltyAboveMaintenance',
    bug: 'deepest penalty 0.007 ≥ BTC first-bracket maintenance 0.004 + buffer 0.002: a partial close deepens the shortage (Binance small positions "already bankrupt on entry")',
    params: {
      ...base,
      penalty: { ...base.penalty, steps: [...base.penalty.steps.slice(0, -1), { maxMarginRatio: '0.5', rate: '0.007' }] },
    },
    violates: 'PAR-002',
  },
  {
    name: 'fallingSchedule',
    bug: 'schedule written backwards: the rate falls from 0.002 to 0.001 as distress grows, so liquidators lose incentive near bad debt',
    params: {
      ...base,
      penalty: {
        ...base.penalty,
        steps: [
          { maxMarginRatio: '1', rate: '0.002' },
          { maxMarginRatio: '0.5', rate: '0.001' },
        ],
      },
    },
    violates: 'PAR-003',
  },
  {
    name: 'negativeBuffer',
    bug: 'target buffer −0.001: the exit threshold sits below the entry threshold, so a "restored" account is still liquidatable (no hysteresis)',
    params: { ...base, targetBuffer: '-0.001' },
    violates: 'PAR-004',
    // r_min + b drops from 0.006 to 0.003, below the deepest penalty 0.004.
    alsoViolates: ['PAR-002'],
  },
  {
    name: 'initialBelowMaintenance',
    bug: 'ETH tier 0 initial rate 0.004 below its maintenance rate 0.005: a position opened at initial margin is liquidatable at once',
    params: {
      ...base,
      markets: {
        ...base.markets,
        'ETH-PERP': { ...eth, tiers: eth.tiers.map((t, n) => (n === 0 ? { ...t, initialRate: '0.004' } : t)) },
      },
    },
    violates: 'PAR-004',
  },
];

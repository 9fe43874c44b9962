/**
 * Hand-made rounds for the `step` request's tests (protocol 1.2): the params of docs/protocol.md's
 * worked exchange (BTC-PERP, lot 0.01, tick 0.5, one 5 % tier, a 1 % penalty shared half and half),
 * a round without ADL and one whose first liquidation socializes a loss that ADL pays.
 */
import { Dec } from '../../model/decimal.ts';
import type { RiskParams } from '../../model/types.ts';
import type { AccountState, RoundRequest } from '../stepEngine.ts';

export const MARKET = 'BTC-PERP';

export const PARAMS = {
  quoteScale: 2,
  trigger: 'strict',
  targetBuffer: '0.01',
  penalty: { steps: [{ maxMarginRatio: '1', rate: '0.01' }], liquidatorShare: '0.5' },
  dustNotional: '0',
  priceImpact: '0',
  markets: { [MARKET]: { lotSize: '0.01', tickSize: '0.5', tiers: [{ notionalFloor: '0', maintenanceRate: '0.05', maintenanceAmount: '0', initialRate: '0.1' }] } },
} as unknown as RiskParams;

const acct = (id: string, collateral: string, size: string, entry: string, isolated = false): AccountState => ({
  id,
  collateral: new Dec(collateral),
  size: new Dec(size),
  entry: new Dec(entry),
  isolated,
});

const byId = (accounts: readonly AccountState[]): ReadonlyMap<string, AccountState> => new Map(accounts.map((a) => [a.id, a]));

/**
 * No ADL. At 28 000: a000001 (long 2 @ 30 000, C 6 500: equity 2 500 < maintenance 2 800) is the
 * worked example of docs/protocol.md (closes 0.62); a000003 is isolated (long 1 @ 29 000, margin
 * 2 000: equity 1 000 < 1 400); a000002 is a healthy short (declined); a000004 has no position
 * (left out of the wire request).
 */
export const ROUND_PLAIN: RoundRequest = {
  step: 3,
  round: 1,
  market: MARKET,
  mark: new Dec('28000'),
  insuranceFund: new Dec('1000'),
  accounts: byId([
    acct('a000001', '6500', '2', '30000'),
    acct('a000002', '3000', '-1', '30000'),
    acct('a000003', '2000', '1', '29000', true),
    acct('a000004', '500', '0', '0'),
  ]),
  requests: [
    { account: 'a000001', keeper: 'k1', taker: 'k1' },
    { account: 'a000003', keeper: 'k1', taker: 'k1' },
    { account: 'a000002', keeper: 'k2', taker: 'k2' },
  ],
};

/**
 * ADL. At 28 000 with a fund of 100: a000001 (long 1 @ 30 000, C 1 500) has equity −500, so its
 * cash is κ = 1 500 − 30 000 = −28 500 and its bankruptcy price P_b = 28 500, spread g = 500.
 * The shorts: a000002 (−2 @ 29 000, C 6 000: E = 8 000, PNL% = 1/29, EffLev = 7, score
 * 7/29 ≈ 0.2414) and a000003 (−1 @ 30 000, C 3 000: E = 5 000, PNL% = 1/15, EffLev = 5.6, score
 * 28/75 ≈ 0.3733): S9 reduces a000003 first; an id ranking reduces a000002 first. a000004
 * (long 1 @ 30 000, C 1 800: equity −200) is liquidated after, seeing the fund and the shorts as the
 * first liquidation and its ADL left them.
 */
export const ROUND_ADL: RoundRequest = {
  step: 7,
  round: 2,
  market: MARKET,
  mark: new Dec('28000'),
  insuranceFund: new Dec('100'),
  accounts: byId([
    acct('a000001', '1500', '1', '30000'),
    acct('a000002', '6000', '-2', '29000'),
    acct('a000003', '3000', '-1', '30000'),
    acct('a000004', '1800', '1', '30000'),
  ]),
  requests: [
    { account: 'a000001', keeper: 'k1', taker: 'k1' },
    { account: 'a000004', keeper: 'k2', taker: 'k2' },
    { account: 'a000003', keeper: 'k1', taker: 'k1' },
  ],
};

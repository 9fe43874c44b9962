/**
 * Hand-computed scenarios of the bankruptcy cap (spec §10.5, "cap": "bankruptcy"): the worked
 * example of the spec and scenarios that map dYdX v4's unit-test vectors onto ours. Test support
 * for bankruptcyRoom.test.ts and LIQ-028's test; the arithmetic is written out in those tests.
 * @internal
 */
import type { Scenario } from '../../model/types.ts';
import type { Policy } from '../../wire/policy.ts';

type Params = Scenario['params'];

const tier = (rate: string) => [{ notionalFloor: '0', maintenanceRate: rate, maintenanceAmount: '0', initialRate: '0.5' }];

/** Every position closed, each fill capped by its value above bankruptcy. */
export const FULL_BANKRUPTCY_CAP: Policy = { closeSize: { kind: 'full' }, penalty: { kind: 'steps', cap: 'bankruptcy' } };

/**
 * The worked example of §10.5: two longs at mark 100 (3 of A, 1 of B, entry 100), 20 %
 * maintenance (MM = 60 + 20 = 80), collateral 45, price impact 10 % (fills at 90), one step of 5 %,
 * quote unit 0.01, half of each penalty to the liquidator.
 */
export function workedExample(policy: Policy | undefined): Scenario {
  const params: Params = {
    quoteScale: 2,
    trigger: 'strict',
    targetBuffer: '0',
    penalty: { steps: [{ maxMarginRatio: '1', rate: '0.05' }], liquidatorShare: '0.5' },
    dustNotional: '0',
    priceImpact: '0.1',
    markets: { A: { lotSize: '1', tickSize: '0.01', tiers: tier('0.2') }, B: { lotSize: '1', tickSize: '0.01', tiers: tier('0.2') } },
  };
  const sc: Scenario = {
    params,
    marks: { A: '100', B: '100' },
    account: { collateral: '45', positions: [{ market: 'A', size: '3', entryPrice: '100' }, { market: 'B', size: '1', entryPrice: '100' }] },
    insuranceFund: '0',
  };
  return policy === undefined ? sc : { ...sc, policy };
}

/** The rounding example of §10.5: the same two longs at 10 % maintenance (MM = 40), collateral 13.01, no price impact. */
export const ROUNDING_EXAMPLE: Scenario = (() => {
  const base = workedExample(FULL_BANKRUPTCY_CAP);
  return {
    ...base,
    params: { ...base.params, priceImpact: '0', markets: { A: { lotSize: '1', tickSize: '0.01', tiers: tier('0.1') }, B: { lotSize: '1', tickSize: '0.01', tiers: tier('0.1') } } },
    account: { ...base.account, collateral: '13.01' },
  };
})();

/** dYdX's test markets: BTC and ETH at 50,000 and 3,000 (`BtcUsd_20PercentInitial_10PercentMaintenance`, `EthUsd_…`), quote quantums of 10^−6 USDC. */
function dydxParams(rate: string): Params {
  return {
    quoteScale: 6,
    trigger: 'strict',
    targetBuffer: '0',
    penalty: { steps: [{ maxMarginRatio: '1', rate }], liquidatorShare: '0' },
    dustNotional: '0',
    priceImpact: '0',
    markets: {
      BTC: { lotSize: '0.0001', tickSize: '1', tiers: [{ notionalFloor: '0', maintenanceRate: '0.1', maintenanceAmount: '0', initialRate: '0.2' }] },
      ETH: { lotSize: '0.001', tickSize: '0.1', tiers: [{ notionalFloor: '0', maintenanceRate: '0.1', maintenanceAmount: '0', initialRate: '0.2' }] },
    },
  };
}

/**
 * dYdX's `TestGetLiquidationInsuranceFundDelta` position (`PerpetualPosition_OneTenthBTCLong` with
 * −$5,100 of USDC, TNC = −5,100 + 5,000 = −100), as ours: collateral 0 and entry 51,000
 * (`E = 0.1·(50000 − 51000) = −100`), closed whole from a bid at `price` (a long sells), or the
 * short (`OneTenthBTCShort`, +$4,900, TNC = −100: entry 49,000) bought from an ask at `price`.
 */
export function dydxOneTenthBtc(side: 'long' | 'short', price: string, rate: string): Scenario {
  const long = side === 'long';
  return {
    params: dydxParams(rate),
    marks: { BTC: '50000' },
    account: { collateral: '0', positions: [{ market: 'BTC', size: long ? '0.1' : '-0.1', entryPrice: long ? '51000' : '49000' }] },
    insuranceFund: '0',
    policy: { closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'bankruptcy' }, penalty: { kind: 'steps', cap: 'bankruptcy' } },
    book: { BTC: long ? { bids: [{ price, size: '0.1' }], asks: [] } : { bids: [], asks: [{ price, size: '0.1' }] } },
  } as Scenario;
}

/**
 * dYdX's `TestGetBankruptcyPriceInQuoteQuantums`, "fully closing one long position and has
 * multiple long positions" (`FourThousandthsBTCLong`, `OneTenthEthLong`, −$490 of USDC: TNC = 10,
 * TMMR = 20 + 30 = 50), as ours: collateral 0, BTC at entry 50,000 (U = 0), ETH at entry 2,900
 * (U = 10). One call closes the first position of the order (ETH, notional 300 > 200) in full at
 * mark. `side: 'short'` is the test beside it (shorts, +$510 of USDC: ETH entry 3,100).
 */
export function dydxTwoPositions(side: 'long' | 'short', rate: string): Scenario {
  const long = side === 'long';
  return {
    params: dydxParams(rate),
    marks: { BTC: '50000', ETH: '3000' },
    account: {
      collateral: '0',
      positions: [
        { market: 'BTC', size: long ? '0.004' : '-0.004', entryPrice: '50000' },
        { market: 'ETH', size: long ? '0.1' : '-0.1', entryPrice: long ? '2900' : '3100' },
      ],
    },
    insuranceFund: '0',
    policy: { closeSize: { kind: 'fixed-portion', portion: '1', minimumNotional: '0' }, penalty: { kind: 'steps', cap: 'bankruptcy' } },
  } as Scenario;
}

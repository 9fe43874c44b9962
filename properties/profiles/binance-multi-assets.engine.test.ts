/**
 * The Python engine of Binance's Multi-Assets mode (examples/python/venues/binance_multi_assets.py
 * on venues/_multi_asset.py, issue 13 item 2) through the gate under the `binance-multi-assets`
 * profile: the correct engine passes the catalog and REF-001 on generated multi-asset scenarios;
 * each wrong variant is caught by the invariant named here and by REF-001. The engine's BUGS table
 * says what each variant gets wrong and where Binance states the right rule. No expected value is
 * copied from the engine or the reference: agreement on generated scenarios is the evidence
 * (properties/profiles/engineSupport.ts), and the worked examples below are computed by hand.
 */
import type { Scenario } from '../../src/model/types.ts';
import { describeRefusals, describeVenueEngine, describeWorkedExamples, multiAssetScenario, patchedParams, type WorkedExample } from './engineSupport.ts';

const PROFILE = 'binance-multi-assets';
const COMMAND = `python3 examples/python/profile_engine.py --profile ${PROFILE}`;

describeVenueEngine('properties/profiles/binance-multi-assets.engine.test.ts', {
  profile: PROFILE,
  command: COMMAND,
  bugs: [
    // the haircut and the collateral value ratio swapped: a larger haircut makes the account healthier (§13.2)
    { bug: 'haircut-as-weight', violates: 'LIQ-031' },
    // auto-exchange sells d of value at index, not d/(1 − h): the wallet stays negative with collateral left (§13.4)
    { bug: 'auto-exchange-at-index', violates: 'LIQ-033' },
    // the deficit split over every asset pro rata instead of largest a·p·w′ first (§13.4's order)
    { bug: 'sells-pro-rata', violates: 'LIQ-032' },
    // the first asset sold past its balance: a negative asset (§13.4: never below zero)
    { bug: 'sells-past-zero', violates: 'LIQ-033' },
  ],
});

/** The profile's params with `patch` applied to a copy. */
const params = (patch?: (p: Record<string, unknown>) => void): unknown => patchedParams(PROFILE, patch);

const worked = (p: unknown, marks: Record<string, string>, account: object, assetPrices: Record<string, string>): Scenario => multiAssetScenario(PROFILE, p, marks, account, assetPrices);

/** V-B2's haircut: BTC at 2.5 % (FAQ on the Multi-Assets mode, docs/research/multi-asset.md §2.2). */
const V_B2 = params((p) => {
  (p['assets'] as Record<string, unknown>)['BTC'] = { unit: '0.00000001', weight: '0.975', discount: '0.025' };
});

const EXAMPLES: readonly WorkedExample[] = [
  [
    // Binance's rule (V-B2, https://binance.com/sl/support/faq/frequently-asked-questions-on-the-multi-assets-mode-f80415bea8124f6494566f23c0bf9c38):
    // "−5,000 USDC is covered by 5,128.20 USD of BTC" at a 2.5 % haircut, d/(1 − h) of value. Our
    // account, hand-computed (not a published vector), is built to leave exactly −5,000: long 100
    // ETHUSDT @ 2542.5, mark 2500 (one bracket, 0.65 %: MM 1625, a full close), C 0, 0.11 BTC @ 50000
    // (W = 5362.5): E = −4250 + 5362.5 = 1112.5 < 1625. The close realizes −4250 and pays
    // ⌈0.003·250000⌉ = 750 (E after the fill 1112.5 ≥ 750): C = −5000. Auto-exchange:
    // s = ⌈5000 / 48750⌉_1e-8 = 0.10256411 BTC (index value 5128.2055, the FAQ's 5,128.20),
    // proceeds ⌊0.10256411 · 48750⌋_1e-8 = 5000.0003625; 0.00743589 BTC left.
    'V-B2: a deficit of 5,000 is covered by 5,128.2055 of BTC at index (d / (1 − h))',
    worked(V_B2, { ETHUSDT: '2500' }, { collateral: '0', assets: { BTC: '0.11' }, positions: [{ market: 'ETHUSDT', size: '100', entryPrice: '2542.5' }] }, { BTC: '50000' }),
    {
      status: 'full',
      fills: [{ market: 'ETHUSDT', side: 'sell', size: '100', price: '2500', realizedPnl: '-4250', penalty: '750' }],
      account: { collateral: '0.0003625', positions: [], assets: { BTC: '0.00743589' } },
      sales: [{ asset: 'BTC', amount: '0.10256411', proceeds: '5000.0003625' }],
      badDebt: '0',
    },
  ],
  [
    // Hand-computed, not a published vector. The profile's params (BTC, ETH at 5 %): C = −47600,
    // BTC 1 @ 50000 (47500), ETH 1.2 @ 1900 (2166), long 1 BTCUSDT @ 52000, mark 50000 (tier 1, Binance's
    // level 2: MM 50000·0.005 − 50 = 200): E = −47600 + 49666 − 2000 = 66 < 200. Step-down to 0.999 (notional
    // 49950, MM 199.8) would leave E 66 − 0.15 = 65.85, short of it: the whole position is closed, realized −2000,
    // penalty min(150, ⌊66⌋) = 66: C = −49666. BTC first (47500 > 2166): s = ⌈49666 / 47500⌉ > 1, all
    // of it, C = −2166; ETH: s = ⌈2166 / 1805⌉_1e-8 = 1.2 exactly, C = 0, nothing left.
    'a long closed in full, then BTC and ETH sold whole to cover the deficit exactly',
    worked(params(), { BTCUSDT: '50000' }, { collateral: '-47600', assets: { BTC: '1', ETH: '1.2' }, positions: [{ market: 'BTCUSDT', size: '1', entryPrice: '52000' }] }, { BTC: '50000', ETH: '1900' }),
    {
      status: 'full',
      fills: [{ market: 'BTCUSDT', side: 'sell', size: '1', price: '50000', realizedPnl: '-2000', penalty: '66' }],
      account: { collateral: '0', positions: [], assets: {} },
      sales: [
        { asset: 'BTC', amount: '1', proceeds: '47500' },
        { asset: 'ETH', amount: '1.2', proceeds: '2166' },
      ],
      badDebt: '0',
    },
  ],
];

describeWorkedExamples({ profile: PROFILE, command: COMMAND, feature: ['multi-asset', '§13'], also: 'cross', examples: EXAMPLES });

const scenario = EXAMPLES[1]![1];

describeRefusals({
  profile: PROFILE,
  command: COMMAND,
  scenario,
  another: 'mango-v4',
  changed: [
    ['no collateral sale', 'collateral', { kind: 'none' }],
    ['the target rule', 'collateral', { kind: 'sell', restore: 'target' }],
    ['the minimal close', 'closeSize', { kind: 'minimal' }],
  ],
  refused: [
    { what: 'an account asset the params do not define', scenario: { ...scenario, account: { ...(scenario.account as object), assets: { DOGE: '1' } } } as unknown as Scenario, at: 'account.assets' },
    { what: 'a held asset without a price', scenario: { ...scenario, assetPrices: { BTC: '50000' } } as unknown as Scenario, at: 'assetPrices' },
  ],
});

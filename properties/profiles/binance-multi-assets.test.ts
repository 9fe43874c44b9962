/**
 * The binance-multi-assets profile (profiles/binance-multi-assets.json,
 * docs/profiles/binance-multi-assets.md) on Binance's own published numbers for Multi-Assets Mode:
 * the collateral haircut, the auto-exchange amount d/(1 − h), and the margin FAQ's equity and
 * maintenance margin, reproduced by the reference under the profile's policy (binance-usdm's plus
 * collateral `sell`/`deficit`, spec §13.4) with the params pinned to each vector's numbers.
 * Binance publishes no engine code: every published vector is from its documentation (URL per
 * case). A case whose expected value was computed here is labelled "hand-computed, not a published
 * vector" and is not counted among the published ones.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/model/decimal.ts';
import type { LiquidationResult, Scenario } from '../../src/model/types.ts';
import type { Params } from '../../src/wire/params.ts';
import { catalogUnder, expectStatuses, expectValidProfile, groupOf, referenceResult, shippedProfile, type Position } from './support.ts';

const PROFILE = shippedProfile('binance-multi-assets');

const MODE_2021 = 'https://www.binance.com/en-NG/support/faq/29b45c485d664028b9ca1cdf90b24f6f';
const FAQ_2022 = 'https://binance.com/sl/support/faq/frequently-asked-questions-on-the-multi-assets-mode-f80415bea8124f6494566f23c0bf9c38';
const INFO_PAGE = 'https://www.binance.com/en-NG/futures/trading-rules/perpetual/multi-asset-info';
const MARGIN_FAQ = 'https://www.binance.com/en/support/faq/how-to-calculate-margin-in-multi-assets-mode-c983a9268cfa4e70a4916c276bb3b7bc';

/** The profile's policy on one account; `params` defaults to the profile's. */
function account(
  collateral: string,
  holdings: Record<string, string>,
  prices: Record<string, string>,
  positions: readonly Position[],
  marks: Record<string, string>,
  params: Params = PROFILE.params,
  insuranceFund = '0',
): Scenario {
  return { params, marks, assetPrices: prices, account: { collateral, positions: [...positions], assets: holdings }, insuranceFund, policy: PROFILE.policy } as Scenario;
}

const salesOf = (r: LiquidationResult): [string, string, string][] => (r.sales ?? []).map((s) => [s.asset, s.amount, s.proceeds]);

/**
 * The auto-exchange vectors' params: the profile's with BTC at the FAQ's 2.5 % haircut (weight
 * 0.975, discount 0.025) and no liquidation fee (the vectors charge none), so that a full close at
 * mark leaves the quote balance exactly where the vector puts it.
 */
const AUTO_EXCHANGE: Params = {
  ...PROFILE.params,
  penalty: { steps: [{ maxMarginRatio: '1', rate: '0' }], liquidatorShare: '0' },
  assets: { BTC: { unit: '0.00000001', weight: '0.975', discount: '0.025' } },
};

/**
 * A quote balance `−deficit` with `btc` BTC at 50,000, liquidated through an ETHUSDT long of
 * `size` at 3,000 (entry at mark, ETHUSDT's one bracket: a full close with no PnL) — Binance's
 * "in case of liquidation, if asset wallet balance … is insufficient to cover the deficit".
 */
function deficitCase(deficit: string, btc: string, size: string): LiquidationResult {
  return referenceResult(account(`-${deficit}`, { BTC: btc }, { BTC: '50000' }, [{ market: 'ETHUSDT', size, entryPrice: '3000' }], { ETHUSDT: '3000' }, AUTO_EXCHANGE));
}

describe('binance-multi-assets profile: the file is valid', () => {
  it('validator(Profile), parsePolicy and parseParams accept it; binance-usdm\'s policy plus the auto-exchange', () => {
    expectValidProfile(PROFILE, 'binance-multi-assets');
    const usdm = shippedProfile('binance-usdm');
    const { collateral, name, ...rest } = PROFILE.policy;
    const { name: usdmName, ...usdmRest } = usdm.policy;
    expect([name, usdmName]).toEqual(['binance-multi-assets', 'binance-usdm']);
    expect(rest).toEqual(usdmRest);
    expect(collateral).toEqual({ kind: 'sell', restore: 'deficit' });
    const { assets, ...params } = PROFILE.params;
    expect(params).toEqual(usdm.params);
    // The 2021 table: weight = 1 − haircut, discount = the haircut (hand-computed from the ratios).
    expect(assets?.['BTC']).toEqual({ unit: '0.00000001', weight: new Dec(1).sub('0.05').toFixed(), discount: '0.05' });
    expect(assets?.['SOL']).toEqual({ unit: '0.00000001', weight: new Dec(1).sub('0.1').toFixed(), discount: '0.1' });
  });
});

describe(`Binance's collateral haircut (${MODE_2021})`, () => {
  it('Published: "BNB with a market value of $1000 will be valued at $950" (2021-05-28, the shipped 5 % haircut)', () => {
    // 2 BNB at 500 next to a small BTCUSDT long at entry (no PnL): the cross equity is the haircut value.
    const r = referenceResult(account('0', { BNB: '2' }, { BNB: '500' }, [{ market: 'BTCUSDT', size: '0.001', entryPrice: '100000' }], { BTCUSDT: '100000' }));
    expect(groupOf(r, 'cross').before.equity).toBe('950');
    expect(r.status).toBe('healthy');
    expect(salesOf(r)).toEqual([]);
  });

  it('ADA at the 10 % haircut of the same table: $1,000 counts $900 (hand-computed from the published ratio 90 %, not a published vector)', () => {
    const r = referenceResult(account('0', { ADA: '2000' }, { ADA: '0.5' }, [{ market: 'BTCUSDT', size: '0.001', entryPrice: '100000' }], { BTCUSDT: '100000' }));
    expect(groupOf(r, 'cross').before.equity).toBe('900');
  });
});

describe(`Binance's auto-exchange amount d / (1 − h) (${FAQ_2022}; ${INFO_PAGE})`, () => {
  it('Published: "5,000 USDC / 97.5% = 5,128.20 USDC of the BTC will be changed … after taking into consideration the 2.5% haircut for BTC" (2022 FAQ)', () => {
    // Before: E = −5,000 + 0.2 · 50,000 · 0.975 = 4,750 < MM = 300 · 3,000 · 0.65 % = 5,850.
    const r = deficitCase('5000', '0.2', '300');
    expect(groupOf(r, 'cross').before.equity).toBe('4750');
    expect(r.fills.map((f) => [f.size, f.price, f.realizedPnl, f.penalty])).toEqual([['300', '3000', '0', '0']]);
    const [sale] = r.sales ?? [];
    // s = ⌈5,000 / (50,000 · 0.975)⌉_sat = 0.10256411 BTC, worth 5,128.2055 at index: the FAQ's
    // 5,128.20 (cut to the cent).
    expect(sale?.asset).toBe('BTC');
    expect(sale?.amount).toBe('0.10256411');
    expect(new Dec(sale!.amount).mul('50000').toDecimalPlaces(2, Dec.ROUND_DOWN).toFixed(2)).toBe('5128.20');
    // Hand-computed, not a published vector: proceeds ⌊0.10256411 · 48,750⌋ = 5,000.0003625 (the
    // satoshi rounding leaves 0.0003625 USDT over), the rest of the BTC stays.
    expect(sale?.proceeds).toBe('5000.0003625');
    expect(r.account.collateral).toBe('0.0003625');
    expect(r.account.assets).toEqual({ BTC: '0.09743589' });
    expect(r.badDebt).toBe('0');
  });

  it('Published: "20,000 BUSD / 97.5% = 20,513 BUSD of the BTC will be changed to BUSD to balance the wallet" (the older info page)', () => {
    // Before: E = −20,000 + 48,750 = 28,750 < MM = 1,500 · 3,000 · 0.65 % = 29,250.
    const r = deficitCase('20000', '1', '1500');
    const [sale] = r.sales ?? [];
    // ⌈20,000 / 48,750⌉_sat = 0.41025642 BTC, worth 20,512.821: the page's 20,513.
    expect(sale?.amount).toBe('0.41025642');
    expect(new Dec(sale!.amount).mul('50000').toDecimalPlaces(0).toFixed()).toBe('20513');
    expect(sale?.proceeds).toBe('20000.000475');
    expect(r.account.collateral).toBe('0.000475');
  });
});

describe(`Binance's Multi-Assets margin example (${MARGIN_FAQ})`, () => {
  // The FAQ: USDTUSD index 0.99 with bid buffer 0.01 and ask buffer 0.005 (bid rate 0.9801, ask
  // 0.99495); USDCUSD 1. Ours has one price per asset and a requirement in the quote, so the
  // example is expressed with USDC as our quote and the USDT wallet as an asset priced at the
  // index 0.99 with weight 1 − bidBuffer = 0.99 (its value 200 · 0.99 · 0.99 = 200 · 0.9801).
  const FAQ_PARAMS: Params = {
    ...PROFILE.params,
    assets: { USDT: { unit: '0.00000001', weight: '0.99' } },
    markets: {
      BTCUSDT: { lotSize: '0.001', tickSize: '0.1', tiers: [{ notionalFloor: '0', maintenanceRate: '0.008', maintenanceAmount: '0', initialRate: '0.01' }] },
      ETHUSDC: { lotSize: '0.001', tickSize: '0.01', tiers: [{ notionalFloor: '0', maintenanceRate: '0.01', maintenanceAmount: '0', initialRate: '0.02' }] },
    },
  };

  it('Published: wallets 200 USDT and 220 USDC, no position: equity "200 × 0.9801 + 220 = 416.02"', () => {
    // A position of the smallest lot at entry keeps the cross group reported without moving E.
    const r = referenceResult(account('220', { USDT: '200' }, { USDT: '0.99' }, [{ market: 'ETHUSDC', size: '0.001', entryPrice: '600' }], { ETHUSDC: '600' }, FAQ_PARAMS));
    expect(groupOf(r, 'cross').before.equity).toBe('416.02');
  });

  it('Published: 0.5 BTCUSDT at 20,000 (MMR 0.8 %) and 20 ETHUSDC at 600 (MMR 1 %): "MM = 80 × 0.99495 + 120 = 199.596", margin ratio 47.98 % — with BTCUSDT marked at the ask rate (difference stated)', () => {
    // Binance converts the USDT-margined position's MM (0.5 · 20,000 · 0.8 % = 80 USDT) at the ask
    // rate 0.99495. Ours has no ask rate: BTCUSDT is marked in USDC at 20,000 · 0.99495 = 19,899
    // (entry at mark, no PnL), so its MM is 0.5 · 19,899 · 0.8 % = 79.596 directly. The PnL of such
    // a position would be converted at that one rate too, where Binance values a positive USDT
    // balance at the bid: the mapping is exact only at zero PnL, as here.
    const r = referenceResult(
      account(
        '220',
        { USDT: '200' },
        { USDT: '0.99' },
        [
          { market: 'BTCUSDT', size: '0.5', entryPrice: '19899' },
          { market: 'ETHUSDC', size: '20', entryPrice: '600' },
        ],
        { BTCUSDT: '19899', ETHUSDC: '600' },
        FAQ_PARAMS,
      ),
    );
    const cross = groupOf(r, 'cross');
    expect(cross.before.equity).toBe('416.02');
    expect(cross.before.maintenance).toBe('199.596');
    // Ours reports E / MM; Binance's margin ratio is MM / E = 199.596 / 416.02 = 47.98 %.
    expect(new Dec(cross.before.maintenance).div(cross.before.equity).mul(100).toDecimalPlaces(2).toFixed()).toBe('47.98');
    expect(r.status).toBe('healthy');
  });
});

describe('binance-multi-assets profile params: hand-computed cases (not published vectors)', () => {
  it('a liquidation fee deepens the deficit, and the asset with the larger haircut value is sold first (hand-computed, not a published vector)', () => {
    // C = −1,000; 0.01 BTC at 100,000 (counts 950) and 1 ETH at 3,000 (counts 2,850); ETHUSDT long
    // 150 at 3,000: E = 2,800 < MM = 450,000 · 0.65 % = 2,925. Full close at mark, fee 0.3 % of
    // 450,000 = 1,350 (below the cap 2,800): C = −2,350. ETH first (2,850 > 950): ⌈2,350 / 2,850⌉_sat
    // = 0.82456141 ETH for ⌊0.82456141 · 2,850⌋ = 2,350.0000185; BTC untouched.
    const r = referenceResult(account('-1000', { BTC: '0.01', ETH: '1' }, { BTC: '100000', ETH: '3000' }, [{ market: 'ETHUSDT', size: '150', entryPrice: '3000' }], { ETHUSDT: '3000' }));
    expect(groupOf(r, 'cross').before.equity).toBe('2800');
    expect(r.fills.map((f) => [f.size, f.penalty, f.insuranceFee])).toEqual([['150', '1350', '1350']]);
    expect(salesOf(r)).toEqual([['ETH', '0.82456141', '2350.0000185']]);
    expect(r.account.assets).toEqual({ BTC: '0.01', ETH: '0.17543859' });
    expect(r.account.collateral).toBe('0.0000185');
    expect(r.status).toBe('full');
  });

  it('collateral that cannot cover the deficit is sold whole and the rest is bad debt (hand-computed, not a published vector)', () => {
    // C = −10,000, 0.05 BTC at 100,000: E = −10,000 + 4,750 < 0 = MM (no position). ⌈10,000 / 95,000⌉
    // = 0.10526316 > 0.05: all sold for 0.05 · 95,000 = 4,750; −5,250 is bad debt, the fund of
    // 1,000 pays 1,000 and 4,250 is socialized.
    const r = referenceResult(account('-10000', { BTC: '0.05' }, { BTC: '100000' }, [], {}, PROFILE.params, '1000'));
    expect(salesOf(r)).toEqual([['BTC', '0.05', '4750']]);
    expect(r.account.assets).toEqual({});
    expect(r.status).toBe('bankrupt');
    expect([r.badDebt, r.insurancePayout, r.socializedLoss, r.account.collateral]).toEqual(['5250', '1000', '4250', '0']);
  });
});

describe('the catalog under the binance-multi-assets profile', () => {
  it('holds on 200 multi-asset scenarios drawn with the profile params, liquidated and healthy ones alike', { timeout: 180_000 }, () => {
    // src/arbitraries/multiAssetAccount.ts draws the cross group's margin ratio first and solves the
    // USDT balance from it, on the profile's own assets (BTC, ETH, BNB, XRP, ADA, DOT, SOL).
    const run = catalogUnder(PROFILE);
    const sold = run.cases.filter((c) => (c.result?.sales ?? []).length > 0).length;
    console.log(`[binance-multi-assets] catalog on 200 scenarios: ${JSON.stringify(Object.fromEntries(run.statuses))}, ${sold} with an auto-exchange`);
    expect(run.violations).toEqual([]);
    // Both sides of the trigger, and every outcome of the collateral step: partial (positions
    // left), full, bankrupt (nothing left to sell).
    expectStatuses(run, ['healthy', 'partial', 'full', 'bankrupt']);
    expect(run.statuses.get('healthy') ?? 0).toBeGreaterThanOrEqual(20);
    for (const s of ['partial', 'full', 'bankrupt']) expect(run.statuses.get(s) ?? 0, s).toBeGreaterThanOrEqual(10);
    expect(sold).toBeGreaterThanOrEqual(20);
    for (const id of ['LIQ-031', 'LIQ-032', 'LIQ-033']) expect(run.judged.has(id), id).toBe(true);
  });
});

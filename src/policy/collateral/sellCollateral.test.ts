/**
 * The collateral step of spec §13.4 through the reference (src/model/liquidate.ts): published
 * vectors of Mango v4 and Binance, and hand-computed examples of each rule (order, deficit, target,
 * the kink of a weighted quote debt, a skipped asset, the sale price p/φ, the inclusive goal).
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../../model/liquidate.ts';
import type { LiquidationResult, RiskParams, Scenario } from '../../model/types.ts';
import { oneTier as oneTierParams } from '../../model/__support__/oneTier.ts';

type Assets = NonNullable<RiskParams['assets']>;

/** Params with one market (held by no token-only account), quote scale 6, no penalty beyond one step. */
const params = (assets: Assets, over: Partial<RiskParams> = {}): RiskParams => ({
  quoteScale: 6,
  trigger: 'strict',
  targetBuffer: '0',
  penalty: { steps: [{ maxMarginRatio: '1', rate: '0' }], liquidatorShare: '0.5' },
  dustNotional: '0',
  priceImpact: '0',
  markets: { 'BTC-PERP': { lotSize: '0.001', tickSize: '0.1', tiers: [{ notionalFloor: '0', maintenanceRate: '0.1', maintenanceAmount: '0', initialRate: '0.2' }] } },
  assets,
  ...over,
});

const tokenOnly = (p: RiskParams, collateral: string, balances: Record<string, string>, prices: Record<string, string>, restore: 'deficit' | 'target' | null): Scenario => ({
  params: p,
  marks: { 'BTC-PERP': '50000' },
  account: { collateral, positions: [], assets: balances },
  insuranceFund: '0',
  assetPrices: prices,
  policy: restore === null ? { collateral: { kind: 'none' } } : { collateral: { kind: 'sell', restore } },
});

function run(s: Scenario): LiquidationResult {
  const o = liquidate(s);
  if (!o.ok) throw new Error(JSON.stringify(o.error));
  return o.result;
}

describe('published vectors', () => {
  // Mango v4 @ 1303a4a16228eb1e8e8d4f0eef724eaf63310c86, programs/mango-v4/src/instructions/token_liq_with_token.rs,
  // test `test_liq_with_token_while_perp` (docs/research/multi-asset.md §1.5, V-M1): prices 1, fees 0, init asset
  // weight w and init liab weight 2 − w for both tokens. As a token-only account here: the liab token is the quote
  // (quoteDebt l = l′ = 2 − w), the asset one asset with w = w′, and the policy sells to the target (Mango's
  // liquidation ends at LiqEnd health 0, our E ≥ T with T = 0 for a group without positions).
  it('Mango V-M1 "no perps2" (w = 0.8, liab weight 1.2): 10, −9 → 3, −2', () => {
    const p = params({ TOK: { unit: '0.000001', weight: '0.8' } }, { quoteDebt: { weight: '1.2', targetWeight: '1.2' } });
    const r = run(tokenOnly(p, '-9', { TOK: '10' }, { TOK: '1' }, 'target'));
    // 3·0.8 − 2·1.2 = 0: the test's comment; s = 7 sold at price 1 for 7.
    expect(r.sales).toEqual([{ asset: 'TOK', amount: '7', proceeds: '7' }]);
    expect(r.account).toEqual({ collateral: '-2', positions: [], assets: { TOK: '3' } });
    expect([r.status, r.badDebt]).toEqual(['full', '0']);
    // before: E = −9·1.2 + 10·0.8 = −2.8, T = 0; after E = −2·1.2 + 3·0.8 = 0.
    expect(r.groups[0]!.before).toEqual({ equity: '-2.8', maintenance: '0', target: '0', marginRatio: null });
    expect(r.groups[0]!.after.equity).toBe('0');
  });

  it('Mango V-M1 "no perps1" (w = 0.9, liab weight 1.1): 10, −11 → 0, −1, which §13.3 calls bankrupt', () => {
    const p = params({ TOK: { unit: '0.000001', weight: '0.9' } }, { quoteDebt: { weight: '1.1', targetWeight: '1.1' } });
    const r = run(tokenOnly(p, '-11', { TOK: '10' }, { TOK: '1' }, 'target'));
    // needed 15.5 > possible 10: the whole balance is sold and −1 is left. Mango leaves the −1 to its separate
    // bankruptcy instruction; in this model no asset is left, so the deficit is bad debt at once (§13.3, §7.4).
    expect(r.sales).toEqual([{ asset: 'TOK', amount: '10', proceeds: '10' }]);
    expect(r.account).toEqual({ collateral: '0', positions: [], assets: {} });
    expect([r.status, r.badDebt, r.socializedLoss]).toEqual(['bankrupt', '1', '1']);
  });

  // Binance, "Frequently asked questions on the Multi-Assets mode",
  // https://binance.com/sl/support/faq/frequently-asked-questions-on-the-multi-assets-mode-f80415bea8124f6494566f23c0bf9c38
  // (docs/research/multi-asset.md §2.2, V-B2): a −5,000 USDC balance is covered by 5000/0.975 = 5,128.20 USD of BTC
  // at a 2.5 % haircut. Here with BTC at 50,000 (our choice), after a full close that leaves C = −5000.
  it('Binance V-B2: −5,000 covered by ⌈5000/(50000·0.975)⌉ BTC, worth 5,128.2055 at index', () => {
    const p = params({ BTC: { unit: '0.00000001', weight: '0.975', discount: '0.025' } });
    const s: Scenario = {
      params: p,
      marks: { 'BTC-PERP': '50000' },
      // U = 1·(50000 − 55000) = −5000; E = −5000 + 0.2·50000·0.975 = 4750 < MM = 0.1·50000 = 5000.
      account: { collateral: '0', positions: [{ market: 'BTC-PERP', size: '1', entryPrice: '55000' }], assets: { BTC: '0.2' } },
      insuranceFund: '0',
      assetPrices: { BTC: '50000' },
      policy: { closeSize: { kind: 'full' }, collateral: { kind: 'sell', restore: 'deficit' } },
    };
    const r = run(s);
    expect(r.fills.map((f) => [f.size, f.realizedPnl, f.penalty])).toEqual([['1', '-5000', '0']]);
    // 5000/48750 = 0.1025641025…, up to the 10^−8 grid 0.10256411, whose index value is 5128.2055 ("5,128.20");
    // R = ⌊0.10256411·48750⌋_10^−6 = ⌊5000.0003625⌋ = 5000.000362. Hand-computed from the FAQ's rule.
    expect(r.sales).toEqual([{ asset: 'BTC', amount: '0.10256411', proceeds: '5000.000362' }]);
    expect(r.account).toEqual({ collateral: '0.000362', positions: [], assets: { BTC: '0.09743589' } });
    expect(r.status).toBe('full');
  });
});

describe('hand-computed (not published vectors)', () => {
  it('sells largest a·p·w′ first, ties by id, and stops once the deficit is covered', () => {
    // A: 1·100·0.5 = 50, B: 10·10·0.5 = 50 (tie: A first), C: 1·10·0.9 = 9. E = −120 + 50 + 50 + 9 = −11 < 0.
    const p = params({ B: { unit: '0.1', weight: '0.5' }, C: { unit: '1', weight: '0.9' }, A: { unit: '1', weight: '0.5' } });
    const r = run(tokenOnly(p, '-120', { C: '1', B: '10', A: '1' }, { A: '100', B: '10', C: '10' }, 'deficit'));
    // A: ⌈120/100⌉ = 2 > 1, all of it for 100; B: ⌈20/10⌉_0.1 = 2 for 20; C not needed.
    expect(r.sales).toEqual([
      { asset: 'A', amount: '1', proceeds: '100' },
      { asset: 'B', amount: '2', proceeds: '20' },
    ]);
    expect(r.account).toEqual({ collateral: '0', positions: [], assets: { B: '8', C: '1' } });
    expect(r.status).toBe('full');
  });

  it('prices a sale at p/φ in one exact floor quotient', () => {
    // φ = 1.0201 (Mango's (1 + f)² with f = 1 %), p = 3, unit 0.01: s = ⌈100·1.0201/3⌉_0.01 = ⌈34.00333…⌉ = 34.01;
    // R = ⌊34.01·3/1.0201⌋_10^−6 = ⌊100.0196059…⌋ = 100.019605. E before = −100 + 40·3·0.5 = −40.
    const p = params({ TOK: { unit: '0.01', weight: '0.5', feeFactor: '1.0201' } });
    const r = run(tokenOnly(p, '-100', { TOK: '40' }, { TOK: '3' }, 'deficit'));
    expect(r.sales).toEqual([{ asset: 'TOK', amount: '34.01', proceeds: '100.019605' }]);
    expect(r.account).toEqual({ collateral: '0.019605', positions: [], assets: { TOK: '5.99' } });
  });

  it('under `none` sells nothing: a negative quote beside assets left is borrowed, the group `full`', () => {
    const p = params({ TOK: { unit: '0.000001', weight: '0.8' } }, { quoteDebt: { weight: '1.2', targetWeight: '1.2' } });
    const r = run(tokenOnly(p, '-9', { TOK: '10' }, { TOK: '1' }, null));
    expect(r.sales).toEqual([]);
    expect(r.account).toEqual({ collateral: '-9', positions: [], assets: { TOK: '10' } });
    expect([r.status, r.badDebt]).toEqual(['full', '0']);
  });

  it('skips an asset whose sale cannot raise E − T (slope π·l′ − p·w′ ≤ 0)', () => {
    // π = 0.8, w′ = 0.9, l′ = 1: each unit sold moves E − T by 0.8 − 0.9 < 0. E = −100 + 90 = −10.
    const p = params({ TOK: { unit: '1', weight: '0.9', discount: '0.2' } });
    const r = run(tokenOnly(p, '-100', { TOK: '100' }, { TOK: '1' }, 'target'));
    expect(r.sales).toEqual([]);
    expect(r.account.assets).toEqual({ TOK: '100' });
    expect(r.status).toBe('full');
  });

  it('stops where C reaches 0 when the piece past the kink cannot help (capped by the balance)', () => {
    // l = l′ = 1.2, π = 0.8, w = w′ = 0.9: slope 0.8·1.2 − 0.9 = 0.06 while C < 0, 0.8 − 0.9 < 0 after. E = −120 + 108
    // = −12; the kink is at s = 100/0.8 = 125 with G = 7.5 < 12, so the sale is capped at 125, here the balance 120:
    // R = 96, C = −4 with no asset left: bankrupt, bad debt 4.
    const p = params({ TOK: { unit: '1', weight: '0.9', discount: '0.2' } }, { quoteDebt: { weight: '1.2', targetWeight: '1.2' } });
    const r = run(tokenOnly(p, '-100', { TOK: '120' }, { TOK: '1' }, 'target'));
    expect(r.sales).toEqual([{ asset: 'TOK', amount: '120', proceeds: '96' }]);
    expect([r.status, r.badDebt]).toEqual(['bankrupt', '4']);
  });

  it('meets the inclusive goal E > T one unit past the strict one', () => {
    // "no perps2" under inclusive: s = 7 leaves E = T = 0, so one more unit 10^−6: E = 0.4·10^−6 > 0.
    const p = params({ TOK: { unit: '0.000001', weight: '0.8' } }, { trigger: 'inclusive', quoteDebt: { weight: '1.2', targetWeight: '1.2' } });
    const r = run(tokenOnly(p, '-9', { TOK: '10' }, { TOK: '1' }, 'target'));
    expect(r.sales).toEqual([{ asset: 'TOK', amount: '7.000001', proceeds: '7.000001' }]);
  });

  it('lets the minimal close see the assets as a constant: the close meets E ≥ T with Σ a·p·(w − w′) in T', () => {
    // The model's one-tier example (rate 0.5 %, buffer 0.1 %, penalty 0.2 %): long 2 at 51000 marked 50000, U = −2000,
    // MM = 500. Asset 4·100: W = 4·100·0.5 = 200, W′ = 100, so T = 600 + 100 = 700; C = 2250: E = 450 < 500.
    // Closing Δ: E′ = 450 − 100Δ, T′ = (2 − Δ)·300 + 100, so 200Δ ≥ 250: Δ = 1.25 (1.249 misses: 325.1 < 325.3).
    const s: Scenario = {
      params: { ...oneTierParams(), assets: { ETH: { unit: '0.01', weight: '0.5', targetWeight: '0.25' } } },
      marks: { BTC: '50000' },
      account: { collateral: '2250', positions: [{ market: 'BTC', size: '2', entryPrice: '51000' }], assets: { ETH: '4' } },
      insuranceFund: '0',
      assetPrices: { ETH: '100' },
      policy: { collateral: { kind: 'sell', restore: 'target' } },
    };
    const r = run(s);
    expect(r.fills.map((f) => [f.size, f.penalty, f.realizedPnl])).toEqual([['1.25', '125', '-1250']]);
    expect(r.groups[0]!.before).toMatchObject({ equity: '450', maintenance: '500', target: '700' });
    expect(r.groups[0]!.after).toMatchObject({ equity: '325', target: '325' });
    expect([r.status, r.account.collateral, r.sales]).toEqual(['partial', '875', []]);
  });

  it.each([
    ['full', { closeSize: { kind: 'full' } }],
    ['fixed-portion', { closeSize: { kind: 'fixed-portion', portion: '0.5', minimumNotional: '0' } }],
    ['step-down', { closeSize: { kind: 'step-down' } }],
    ['a backstop', { trigger: { kind: 'backstop', numerator: '2', denominator: '3' } }],
  ] as const)('closes nothing on a token-only account under %s, and sells as under minimal', (_name, part) => {
    // "no perps2" again (7 sold for 7): a group without positions skips the close rule (§13.3).
    const p = params({ TOK: { unit: '0.000001', weight: '0.8' } }, { quoteDebt: { weight: '1.2', targetWeight: '1.2' } });
    const r = run({ ...tokenOnly(p, '-9', { TOK: '10' }, { TOK: '1' }, 'target'), policy: { ...part, collateral: { kind: 'sell', restore: 'target' } } });
    expect([r.fills, r.sales, r.account.collateral]).toEqual([[], [{ asset: 'TOK', amount: '7', proceeds: '7' }], '-2']);
  });

  it('never helps an isolated group (§13.3)', () => {
    // Isolated long 2 at 51000 marked 50000 with margin 2450: E = 450 < MM = 500, whatever the cross group holds.
    const s: Scenario = {
      params: { ...oneTierParams(), assets: { ETH: { unit: '0.01', weight: '1' } } },
      marks: { BTC: '50000' },
      account: { collateral: '0', positions: [{ market: 'BTC', size: '2', entryPrice: '51000', isolatedMargin: '2450' }], assets: { ETH: '100' } },
      insuranceFund: '0',
      assetPrices: { ETH: '100' },
      policy: { collateral: { kind: 'sell', restore: 'target' } },
    };
    const r = run(s);
    expect(r.groups.map((g) => [g.group, g.status, g.before.equity])).toEqual([['cross', 'healthy', '10000'], ['BTC', 'partial', '450']]);
    expect([r.sales, r.account.assets]).toEqual([[], { ETH: '100' }]);
  });

  it('counts the assets in the cross group only, and before/after include them (§13.2)', () => {
    // cross: C = 100, long 0.1 BTC-PERP at 60000 marked 50000 (U = −1000, MM = 500); asset 0.03·50000·0.95 = 1425
    // → E = 525 ≥ 500: healthy only thanks to the asset. w′ = 0.9: T = 500 + 0.03·50000·0.05 = 575.
    const p = params({ BTC: { unit: '0.00000001', weight: '0.95', targetWeight: '0.9' } });
    const s: Scenario = {
      params: p,
      marks: { 'BTC-PERP': '50000' },
      account: { collateral: '100', positions: [{ market: 'BTC-PERP', size: '0.1', entryPrice: '60000' }], assets: { BTC: '0.03' } },
      insuranceFund: '0',
      assetPrices: { BTC: '50000' },
      policy: { collateral: { kind: 'sell', restore: 'target' } },
    };
    const r = run(s);
    expect(r.status).toBe('healthy');
    expect(r.groups[0]!.before).toEqual({ equity: '525', maintenance: '500', target: '575', marginRatio: '1.05' });
    expect(r.sales).toEqual([]);
  });
});

/**
 * The bankruptcy cap of spec §10.5 (`cap: "bankruptcy"`) on hand-computed scenarios, and on dYdX
 * v4's own unit-test vectors mapped onto our scenario format (`dydxprotocol/v4-chain`
 * `protocol/x/clob/keeper/liquidations_test.go` at commit 84d4664b, tests
 * `TestGetLiquidationInsuranceFundDelta` and `TestGetBankruptcyPriceInQuoteQuantums`; the case
 * names are quoted beside each expectation). Every other expectation is hand-computed, not a
 * published vector: the arithmetic is written out beside it and in the worked example of §10.5.
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../../model/liquidate.ts';
import type { Scenario } from '../../model/types.ts';
import { Dec } from '../../model/decimal.ts';
import { fromDec, toCanonical, type Fixed } from '../../model/fixed.ts';
import type { FHealth } from '../../model/fixedCore.ts';
import { parsePolicy } from '../parsePolicy.ts';
import { bankruptcyRoom } from './bankruptcyRoom.ts';
import { promisesOf } from '../promises.ts';
import { dydxOneTenthBtc, dydxTwoPositions, FULL_BANKRUPTCY_CAP, ROUNDING_EXAMPLE, workedExample } from './bankruptcyCapScenarios.ts';

function run(sc: Scenario) {
  const out = liquidate(sc);
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.result;
}

const charges = (sc: Scenario) => run(sc).fills.map((f) => ({ market: f.market, price: f.price, realizedPnl: f.realizedPnl, penalty: f.penalty, liquidatorFee: f.liquidatorFee }));

describe('the bankruptcy cap (spec §10.5)', () => {
  it('the worked example: the fill\'s value above bankruptcy E⁻ − E·MM′/MM caps each fee, and no bad debt is left', { timeout: 20_000 }, () => {
    // E = 45, MM = 80, f = 0.05, fills at ⌊100·0.9⌋ = 90.
    // A: R = 3·(90 − 100) = −30, E⁻ = 15, MM′ = 20: V = 15 − 45·20/80 = 3.75 < ⌈0.05·300⌉ = 15 → 3.75,
    //    liquidator ⌊1.875⌋ = 1.87; collateral 45 − 30 − 3.75 = 11.25.
    // B: R = −10, E⁻ = 1.25, MM′ = 0: V = 1.25 < 5 → 1.25, liquidator ⌊0.625⌋ = 0.62; collateral 0.
    const r = run(workedExample(FULL_BANKRUPTCY_CAP));
    expect(charges(workedExample(FULL_BANKRUPTCY_CAP))).toEqual([
      { market: 'A', price: '90', realizedPnl: '-30', penalty: '3.75', liquidatorFee: '1.87' },
      { market: 'B', price: '90', realizedPnl: '-10', penalty: '1.25', liquidatorFee: '0.62' },
    ]);
    expect([r.status, r.account.collateral, r.badDebt, r.insuranceFund]).toEqual(['full', '0', '0', '2.51']);
  });

  it('the same under §7.3\'s cap: the first fee takes the equity the second fill needed, leaving bad debt', { timeout: 20_000 }, () => {
    // A: min(15, ⌊E⁻⌋ = 15) = 15 (liquidator 7.5), collateral 0. B: E⁻ = −10 → 0; collateral −10:
    // bad debt 10, the fund (7.5 from A) pays 7.5, 2.5 socialized.
    const r = run(workedExample({ closeSize: { kind: 'full' } }));
    expect(r.fills.map((f) => f.penalty)).toEqual(['15', '0']);
    expect([r.status, r.badDebt, r.insurancePayout, r.socializedLoss]).toEqual(['bankrupt', '10', '7.5', '2.5']);
  });

  it('rounds the value above bankruptcy down to the quote unit', { timeout: 20_000 }, () => {
    // E = 13.01, MM = 30 + 10 = 40, no impact. A: V = 13.01 − 13.01·10/40 = 13.01 − 3.2525 = 9.7575 → 9.75
    // (dYdX, on quantums of 10^−6, would charge 9.7575: 0.0075 less here, under one quote unit).
    // B: collateral 13.01 − 9.75 = 3.26, V = 3.26 < 5 → 3.26. Under §7.3's cap A would pay min(15, 13.01).
    expect(charges(ROUNDING_EXAMPLE).map((f) => f.penalty)).toEqual(['9.75', '3.26']);
    expect(run({ ...ROUNDING_EXAMPLE, policy: { closeSize: { kind: 'full' } } }).fills.map((f) => f.penalty)).toEqual(['13.01', '0']);
  });
});

const fx = (x: string): Fixed => fromDec(new Dec(x));
const health = (equity: string, maintenance: string): FHealth => ({ equity: fx(equity), maintenance: fx(maintenance), notional: fx('0'), target: fx(maintenance) });

describe('bankruptcyRoom', () => {
  it('is ⌊E⁻ − E·MM′/MM⌋_u for E ≥ 0, and §7.3’s ⌊E⁻⌋_u for an underwater group', () => {
    const u = fx('0.01');
    // 15 − 45·20/80 = 3.75; 13.01 − 13.01·10/40 = 9.7575 → 9.75; a last fill (MM′ = 0) keeps all of E⁻.
    expect(toCanonical(bankruptcyRoom(health('45', '80'), health('15', '20'), u))).toBe('3.75');
    expect(toCanonical(bankruptcyRoom(health('13.01', '40'), health('13.01', '10'), u))).toBe('9.75');
    expect(toCanonical(bankruptcyRoom(health('3.26', '10'), health('3.26', '0'), u))).toBe('3.26');
    // E = −100: V = −80 + 100·90/100 = 10 > E⁻ = −80 (a fill 20 above mark); the cap is E⁻'s, so no fee.
    expect(toCanonical(bankruptcyRoom(health('-100', '100'), health('-80', '90'), u))).toBe('-80');
  });
});

describe("dYdX v4's vectors (liquidations_test.go @84d4664b)", () => {
  it('TestGetLiquidationInsuranceFundDelta: fully closing 0.1 BTC, the fund gets min(fee, value above bankruptcy)', { timeout: 20_000 }, () => {
    // "Fully closing one long position above the bankruptcy price pays less than max liquidation fee
    // when MaxLiquidationFeePpm is one million": bankruptcy quote 5,100, sold for 5,610: 510,000,000
    // quantums = 510. Ours: R = 0.1·(56100 − 51000) = 510 = V; rate 0.5 (ours must be < 1): min(2500, 510).
    expect(charges(dydxOneTenthBtc('long', '56100', '0.5'))[0]?.penalty).toBe('510');
    // "… short position … one million": bought for 4,410 against −4,900: 490. Ours R = −0.1·(44100 − 49000) = 490.
    expect(charges(dydxOneTenthBtc('short', '44100', '0.5'))[0]?.penalty).toBe('490');
    // "Fully closing one long position above the bankruptcy price and pays less than max liquidation fee"
    // (0.5 %, sold 0.1 % above bankruptcy, for 5,105.1): 5,100,000 quantums = 5.1; ours min(⌈0.005·5000⌉ = 25, 5.1).
    expect(charges(dydxOneTenthBtc('long', '51051', '0.005'))[0]?.penalty).toBe('5.1');
    // The short of the same: 4,900,000 quantums = 4.9.
    expect(charges(dydxOneTenthBtc('short', '48951', '0.005'))[0]?.penalty).toBe('4.9');
    // "Fully closing one long position at the bankruptcy price and the delta is 0": 0.
    expect(charges(dydxOneTenthBtc('long', '51000', '0.005'))[0]?.penalty).toBe('0');
    // "… and pays max liquidation fee" (0.5 % of |fill quote| 5,610 = 28.05): ours charges 0.5 % of the
    // notional at MARK (§5.2), ⌈0.005·5000⌉ = 25 — 3.05 less, the fee base, not the cap, differs.
    expect(charges(dydxOneTenthBtc('long', '56100', '0.005'))[0]?.penalty).toBe('25');
  });

  it("TestGetBankruptcyPriceInQuoteQuantums: closing ETH of BTC + ETH, the fill's share of TNC = 10 is 10·30/50 = 6", { timeout: 20_000 }, () => {
    // "fully closing one long position and has multiple long positions": 294,000,000 quantums = 294,
    // i.e. 0.1 ETH must sell for 300 − 6. Ours: V = E⁻ − E·MM′/MM = 10 − 10·20/50 = 6 at mark, so
    // the fee min(⌈0.05·300⌉ = 15, 6) = 6 is all the fill has above 294; §7.3's cap would allow 10.
    const long = run(dydxTwoPositions('long', '0.05'));
    expect(long.fills.map((f) => [f.market, f.realizedPnl, f.penalty])).toEqual([['ETH', '10', '6']]);
    expect(long.account.collateral).toBe('4');
    // "fully closing one short position and has multiple short positions": −306,000,000 = buy for at most 300 + 6.
    const short = run(dydxTwoPositions('short', '0.05'));
    expect(short.fills.map((f) => [f.market, f.side, f.realizedPnl, f.penalty])).toEqual([['ETH', 'buy', '10', '6']]);
  });
});

describe('the cap field (wire, parse, promises)', () => {
  it('"equity" is the default: the reference policy, making no bankruptcy promise', () => {
    const r = parsePolicy({ penalty: { kind: 'steps', cap: 'equity' } });
    expect(r.ok && r.value.isReference).toBe(true);
    if (r.ok) expect(promisesOf(r.value).has('fee-bounded-by-bankruptcy')).toBe(false);
  });

  it('"bankruptcy" on either penalty part promises fee-bounded-by-bankruptcy and still penalty-capped', () => {
    for (const penalty of [{ kind: 'steps', cap: 'bankruptcy' }, { kind: 'linear', cap: 'bankruptcy', points: [{ marginRatio: '1', rate: '0' }, { marginRatio: '0.5', rate: '0.1' }] }]) {
      const r = parsePolicy({ penalty });
      expect(r.ok, JSON.stringify(penalty)).toBe(true);
      if (!r.ok) continue;
      expect(r.value.isReference).toBe(false);
      expect(r.value.name).toMatch(/bankruptcy-capped/);
      const p = promisesOf(r.value);
      expect([p.has('fee-bounded-by-bankruptcy'), p.has('penalty-capped')]).toEqual([true, true]);
    }
  });

  it('rejects another cap at its path', () => {
    const r = parsePolicy({ penalty: { kind: 'steps', cap: 'group' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual([expect.stringMatching(/^policy\.penalty/)]);
  });
});

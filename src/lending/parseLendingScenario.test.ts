// Bad input of spec §11.1: each issue's path, expected and received. Expected words are the
// spec's rules; the values are the test's own inputs.
import { describe, expect, it } from 'vitest';
import { parseLendingScenario } from './parseLendingScenario.ts';
import { AAVE_V33, WETH, aaveScenario, compoundScenario } from './__support__/workedExamples.ts';
import type { LendingScenario } from '../wire/lending.ts';
import type { Issue } from '../model/types.ts';

function issues(sc: unknown): readonly Issue[] {
  const out = parseLendingScenario(sc);
  if (out.ok) throw new Error('accepted');
  return out.issues;
}

const withAsset = (patch: Partial<typeof WETH>): LendingScenario => {
  const sc = aaveScenario();
  return { ...sc, params: { ...sc.params, assets: { ...sc.params.assets, WETH: { ...WETH, ...patch } } } };
};

describe('parseLendingScenario: accepted', () => {
  it('accepts the worked examples', () => {
    expect(parseLendingScenario(aaveScenario()).ok).toBe(true);
    expect(parseLendingScenario(compoundScenario('2000')).ok).toBe(true);
  });
});

describe('parseLendingScenario: structure (the wire schema)', () => {
  it('names a JSON number amount, an unknown field and a wrong model', () => {
    const sc = aaveScenario();
    expect(issues({ ...sc, model: 'perp', extra: 1, account: { ...sc.account, borrows: { USDC: 17000 } } })).toEqual([
      { path: 'extra', expected: 'no such field', received: 'number 1' },
      { path: 'model', expected: '"lending"', received: '"perp"' },
      { path: 'account.borrows["USDC"]', expected: expect.stringContaining('a decimal string'), received: 'number 17000' },
    ]);
  });

  it('names a bad rules kind and a bad debtToCover', () => {
    const sc = aaveScenario({ request: { debtAsset: 'USDC', collateralAsset: 'WETH', debtToCover: 'all' } });
    const got = issues({ ...sc, params: { ...sc.params, rules: { kind: 'liquidate' } } });
    expect(got).toContainEqual({ path: 'params.rules', expected: 'lending rules (kind "close-factor" or "absorb", spec §11)', received: expect.any(String) });
    expect(got).toContainEqual({ path: 'request.debtToCover', expected: 'a decimal string > 0 (a multiple of the debt asset unit) or "max"', received: '"all"' });
  });
});

describe('parseLendingScenario: asset parameters', () => {
  it('rejects a unit that is not a power of ten ≤ 1', () => {
    for (const unit of ['0.5', '10', '0', '0.0002']) {
      expect(issues(withAsset({ unit }))).toContainEqual({
        path: 'params.assets["WETH"].unit',
        expected: 'a power of ten ≤ 1 ("1", "0.1", …, "0.000000000000000001")',
        received: JSON.stringify(unit),
      });
    }
  });

  it('rejects LT outside (0, 1) for a collateral asset, LB < 1, a fee share > 1', () => {
    expect(issues(withAsset({ liquidationThreshold: '0', liquidationBonus: '0.99', protocolFee: '1.01' }))).toEqual([
      { path: 'params.assets["WETH"].liquidationThreshold', expected: 'a decimal in (0, 1) for a collateral asset', received: '"0"' },
      { path: 'params.assets["WETH"].liquidationBonus', expected: 'a decimal ≥ 1', received: '"0.99"' },
      { path: 'params.assets["WETH"].protocolFee', expected: 'a decimal in [0, 1]', received: '"1.01"' },
    ]);
  });

  it('requires liquidationFactor for a collateral asset under absorb rules', () => {
    const sc = compoundScenario('2000');
    const { liquidationFactor: _, ...weth } = sc.params.assets['WETH']!;
    expect(issues({ ...sc, params: { ...sc.params, assets: { ...sc.params.assets, WETH: weth } } })).toEqual([
      { path: 'params.assets["WETH"].liquidationFactor', expected: 'a required field for a collateral asset under absorb rules (a decimal in (0, 1])', received: 'nothing (missing)' },
    ]);
  });
});

describe('parseLendingScenario: rules, prices and balances', () => {
  it('rejects a close factor of 0 and base amounts off the base unit', () => {
    const sc = aaveScenario({ rules: { ...AAVE_V33, closeFactor: '0', fullBelowBase: '0.000000001' } });
    expect(issues(sc)).toEqual([
      { path: 'params.rules.closeFactor', expected: 'a decimal in (0, 1]', received: '"0"' },
      { path: 'params.rules.fullBelowBase', expected: 'a decimal ≥ 0, a multiple of the base unit 0.00000001 (baseScale 8)', received: '"0.000000001"' },
    ]);
  });

  it('rejects a price ≤ 0, a price of an unknown asset and a missing price of a held asset', () => {
    const sc = aaveScenario();
    expect(issues({ ...sc, prices: { WETH: '0', BTC: '60000', DAI: '1' } })).toEqual([
      { path: 'prices["WETH"]', expected: 'a decimal > 0', received: '"0"' },
      { path: 'prices["BTC"]', expected: 'a price of an asset of params.assets', received: '"60000"' },
      { path: 'prices["USDC"]', expected: 'a price > 0 (the account holds the asset)', received: 'nothing (missing)' },
    ]);
  });

  it('rejects an amount off the asset unit, a negative amount and an unknown asset', () => {
    const sc = aaveScenario({ supplies: { WETH: '-1', BTC: '1' }, borrows: { USDC: '17000.0000001' } });
    expect(issues(sc)).toEqual([
      { path: 'account.supplies["WETH"]', expected: 'a decimal ≥ 0, a multiple of the asset unit 0.000000000000000001', received: '"-1"' },
      { path: 'account.supplies["BTC"]', expected: 'an amount of an asset of params.assets', received: '"1"' },
      { path: 'account.borrows["USDC"]', expected: 'a decimal ≥ 0, a multiple of the asset unit 0.000001', received: '"17000.0000001"' },
      { path: 'request.debtAsset', expected: 'an asset the account borrows (account.borrows > 0)', received: '"USDC"' },
      { path: 'request.collateralAsset', expected: 'a collateral asset the account supplies (collateral: true, account.supplies > 0)', received: '"WETH"' },
    ]);
  });
});

describe('parseLendingScenario: the request', () => {
  it('requires a request under close-factor rules', () => {
    const { request: _, ...sc } = aaveScenario();
    expect(issues(sc)).toEqual([{ path: 'request', expected: 'a required field under close-factor rules ({debtAsset, collateralAsset, debtToCover})', received: 'nothing (missing)' }]);
  });

  it('rejects a debt asset not borrowed, a collateral not supplied, and debtToCover off the unit', () => {
    const sc = aaveScenario({ request: { debtAsset: 'DAI', collateralAsset: 'USDC', debtToCover: '0.0000001' } });
    expect(issues(sc)).toEqual([
      { path: 'request.debtAsset', expected: 'an asset the account borrows (account.borrows > 0)', received: '"DAI"' },
      { path: 'request.collateralAsset', expected: 'a collateral asset the account supplies (collateral: true, account.supplies > 0)', received: '"USDC"' },
    ]);
    const offUnit = aaveScenario({ request: { debtAsset: 'USDC', collateralAsset: 'WETH', debtToCover: '0.0000001' } });
    expect(issues(offUnit)).toEqual([
      { path: 'request.debtToCover', expected: 'a decimal > 0, a multiple of the debt asset unit 0.000001, or "max"', received: '"0.0000001"' },
    ]);
    const zero = aaveScenario({ request: { debtAsset: 'USDC', collateralAsset: 'WETH', debtToCover: '0' } });
    expect(issues(zero)).toEqual([
      { path: 'request.debtToCover', expected: 'a decimal > 0, a multiple of the debt asset unit 0.000001, or "max"', received: '"0"' },
    ]);
  });

  it('rejects a non-collateral asset as the collateral to seize', () => {
    expect(issues(withAsset({ collateral: false, liquidationThreshold: '0' }))).toEqual([
      { path: 'request.collateralAsset', expected: 'a collateral asset the account supplies (collateral: true, account.supplies > 0)', received: '"WETH"' },
    ]);
  });
});

describe('parseLendingScenario: absorb rules', () => {
  it('rejects a request, two borrowed assets and a supply of the borrowed asset', () => {
    const sc = compoundScenario('2000');
    expect(issues({ ...sc, request: { debtAsset: 'USDC', collateralAsset: 'WETH', debtToCover: 'max' } })).toEqual([
      { path: 'request', expected: 'no such field under absorb rules (the protocol absorbs the whole account)', received: expect.any(String) },
    ]);
    expect(issues({ ...sc, account: { supplies: { WETH: '1' }, borrows: { USDC: '1850', WETH: '0.1' } } })).toEqual([
      { path: 'account.borrows', expected: 'at most one borrowed asset under absorb rules (Compound v3 base asset)', received: '2 assets borrowed ("USDC", "WETH")' },
    ]);
    expect(issues({ ...sc, account: { supplies: { WETH: '1', USDC: '5' }, borrows: { USDC: '1850' } } })).toEqual([
      { path: 'account.supplies["USDC"]', expected: 'no supply of the borrowed asset under absorb rules (0)', received: '"5"' },
    ]);
  });

  it('rejects reserves under close-factor rules', () => {
    expect(issues({ ...aaveScenario(), reserves: '1' })).toEqual([
      { path: 'reserves', expected: 'no such field under close-factor rules (reserves are read by absorb only)', received: '"1"' },
    ]);
  });
});

describe('parseLendingScenario: rounding', () => {
  it('defaults to "exact" and rejects an unknown order', () => {
    const out = parseLendingScenario(aaveScenario());
    expect(out.ok && out.value.rules.kind === 'close-factor' && out.value.rules.rounding).toBe('exact');
    expect(issues(aaveScenario({ rules: { ...AAVE_V33, rounding: 'half-up' as 'aave' } }))).toEqual([
      { path: 'params.rules.rounding', expected: 'one of "exact", "aave", "morpho"', received: '"half-up"' },
    ]);
  });
});

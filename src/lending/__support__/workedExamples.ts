/**
 * The markets of spec §11's worked examples, as wire scenarios, for the unit tests. Every expected
 * value lives in the tests, hand-computed from the spec (exact fractions), not from this code.
 * @see docs/spec.md#11-lending-health-factor
 */
import type { CloseFactorRules, LendingAsset, LendingRequest, LendingRules, LendingScenario } from '../../wire/lending.ts';

export const WETH: LendingAsset = { unit: '0.000000000000000001', liquidationThreshold: '0.825', liquidationBonus: '1.05', protocolFee: '0.1', collateral: true };
export const USDC: LendingAsset = { unit: '0.000001', liquidationThreshold: '0.78', liquidationBonus: '1.045', protocolFee: '0.1', collateral: true };
export const DAI: LendingAsset = { unit: '0.000000000000000001', liquidationThreshold: '0.77', liquidationBonus: '1.05', protocolFee: '0.1', collateral: true };
/** USDC as a loan asset only (Morpho's loan token, Comet's base): no threshold, no bonus, no fee. */
export const USDC_LOAN: LendingAsset = { unit: '0.000001', liquidationThreshold: '0', liquidationBonus: '1', protocolFee: '0', collateral: false };

/** Aave v3.3 (spec §11.1 profiles). */
export const AAVE_V33: CloseFactorRules = { kind: 'close-factor', closeFactor: '0.5', fullBelowHealth: '0.95', closeFactorOf: 'total', fullBelowBase: '2000', minLeftoverBase: '1000', deficit: true };
/** Aave v3.0–v3.2. */
export const AAVE_V32: CloseFactorRules = { kind: 'close-factor', closeFactor: '0.5', fullBelowHealth: '0.95', closeFactorOf: 'reserve', fullBelowBase: '0', minLeftoverBase: '0', deficit: false };
/** Morpho Blue: no close factor, no dust rule, bad debt written off. */
export const MORPHO: CloseFactorRules = { kind: 'close-factor', closeFactor: '1', fullBelowHealth: '0', closeFactorOf: 'reserve', fullBelowBase: '0', minLeftoverBase: '0', deficit: true };

export interface ScenarioOptions {
  /** default 8 */
  readonly baseScale?: number;
  /** default WETH, USDC, DAI; every asset is priced 1 but WETH */
  readonly assets?: Readonly<Record<string, LendingAsset>>;
  readonly wethPrice?: string | undefined;
  /** default {@link AAVE_V33}; an absorb market has reserves and no request */
  readonly rules?: LendingRules;
  readonly supplies?: Readonly<Record<string, string>>;
  readonly borrows?: Readonly<Record<string, string>>;
  readonly request?: LendingRequest;
  /** the request's `debtToCover` when no request is given (default `max`) */
  readonly debtToCover?: string;
  readonly reserves?: string;
}

/**
 * §11.2's account (10 WETH supplied at 2000, 17,000 USDC borrowed, base unit 10^−8, Aave v3.3),
 * with any part replaced: the one scaffold of every hand-computed lending test.
 */
export function aaveScenario(o: ScenarioOptions = {}): LendingScenario {
  const assets = o.assets ?? { WETH, USDC, DAI };
  const rules = o.rules ?? AAVE_V33;
  return {
    model: 'lending',
    params: { baseScale: o.baseScale ?? 8, assets, rules },
    prices: Object.fromEntries(Object.keys(assets).map((a) => [a, a === 'WETH' ? (o.wethPrice ?? '2000') : '1'])),
    account: { supplies: o.supplies ?? { WETH: '10' }, borrows: o.borrows ?? { USDC: '17000' } },
    ...(rules.kind === 'absorb'
      ? { reserves: o.reserves ?? '0' }
      : { request: o.request ?? { debtAsset: 'USDC', collateralAsset: 'WETH', debtToCover: o.debtToCover ?? 'max' } }),
  };
}

/** §11.9's Comet market: 1 WETH (LCF 0.9, LF 0.95) against 1,850 USDC, reserves 10,000. */
export function compoundScenario(wethPrice: string): LendingScenario {
  return aaveScenario({
    assets: {
      WETH: { unit: '0.000000000000000001', liquidationThreshold: '0.9', liquidationBonus: '1', protocolFee: '0', liquidationFactor: '0.95', collateral: true },
      USDC: USDC_LOAN,
    },
    rules: { kind: 'absorb' },
    wethPrice,
    supplies: { WETH: '1' },
    borrows: { USDC: '1850' },
    reserves: '10000',
  });
}

/**
 * A Morpho Blue market (LLTV 0.86, LIF = ⌊1/(1 − 0.3·0.14)⌋_{10^−18} = 1.043841336116910229),
 * loan token USDC as the base (baseScale 6): 1 WETH at 2000 against 1,750 USDC.
 */
export function morphoScenario(debtToCover: string): LendingScenario {
  return aaveScenario({
    baseScale: 6,
    assets: { WETH: { ...WETH, liquidationThreshold: '0.86', liquidationBonus: '1.043841336116910229', protocolFee: '0' }, USDC: USDC_LOAN },
    rules: MORPHO,
    supplies: { WETH: '1' },
    borrows: { USDC: '1750' },
    debtToCover,
  });
}

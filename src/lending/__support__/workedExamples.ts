/**
 * The markets of spec §11's worked examples, as wire scenarios, for the unit tests. Every expected
 * value lives in the tests, hand-computed from the spec (exact fractions), not from this code.
 * @see docs/spec.md#11-lending-health-factor
 */
import type { CloseFactorRules, LendingAsset, LendingRequest, LendingScenario } from '../../wire/lending.ts';

export const WETH: LendingAsset = { unit: '0.000000000000000001', liquidationThreshold: '0.825', liquidationBonus: '1.05', protocolFee: '0.1', collateral: true };
export const USDC: LendingAsset = { unit: '0.000001', liquidationThreshold: '0.78', liquidationBonus: '1.045', protocolFee: '0.1', collateral: true };
export const DAI: LendingAsset = { unit: '0.000000000000000001', liquidationThreshold: '0.77', liquidationBonus: '1.05', protocolFee: '0.1', collateral: true };

/** Aave v3.3 (spec §11.1 profiles). */
export const AAVE_V33: CloseFactorRules = { kind: 'close-factor', closeFactor: '0.5', fullBelowHealth: '0.95', closeFactorOf: 'total', fullBelowBase: '2000', minLeftoverBase: '1000', deficit: true };
/** Aave v3.0–v3.2. */
export const AAVE_V32: CloseFactorRules = { kind: 'close-factor', closeFactor: '0.5', fullBelowHealth: '0.95', closeFactorOf: 'reserve', fullBelowBase: '0', minLeftoverBase: '0', deficit: false };
/** Morpho Blue: no close factor, no dust rule, bad debt written off. */
export const MORPHO: CloseFactorRules = { kind: 'close-factor', closeFactor: '1', fullBelowHealth: '0', closeFactorOf: 'reserve', fullBelowBase: '0', minLeftoverBase: '0', deficit: true };

export interface AaveOptions {
  readonly wethPrice?: string;
  readonly rules?: CloseFactorRules;
  readonly supplies?: Readonly<Record<string, string>>;
  readonly borrows?: Readonly<Record<string, string>>;
  readonly request?: LendingRequest;
}

/** §11.2's account: 10 WETH supplied, 17,000 USDC borrowed, base unit 10^−8. */
export function aaveScenario(o: AaveOptions = {}): LendingScenario {
  return {
    model: 'lending',
    params: { baseScale: 8, assets: { WETH, USDC, DAI }, rules: o.rules ?? AAVE_V33 },
    prices: { WETH: o.wethPrice ?? '2000', USDC: '1', DAI: '1' },
    account: { supplies: o.supplies ?? { WETH: '10' }, borrows: o.borrows ?? { USDC: '17000' } },
    request: o.request ?? { debtAsset: 'USDC', collateralAsset: 'WETH', debtToCover: 'max' },
  };
}

/** §11.9's Comet market: 1 WETH (LCF 0.9, LF 0.95) against 1,850 USDC, reserves 10,000. */
export function compoundScenario(wethPrice: string): LendingScenario {
  return {
    model: 'lending',
    params: {
      baseScale: 8,
      assets: {
        WETH: { unit: '0.000000000000000001', liquidationThreshold: '0.9', liquidationBonus: '1', protocolFee: '0', liquidationFactor: '0.95', collateral: true },
        USDC: { unit: '0.000001', liquidationThreshold: '0', liquidationBonus: '1', protocolFee: '0', collateral: false },
      },
      rules: { kind: 'absorb' },
    },
    prices: { WETH: wethPrice, USDC: '1' },
    account: { supplies: { WETH: '1' }, borrows: { USDC: '1850' } },
    reserves: '10000',
  };
}

/**
 * A Morpho Blue market (LLTV 0.86, LIF = ⌊1/(1 − 0.3·0.14)⌋_{10^−18} = 1.043841336116910229),
 * loan token USDC as the base (baseScale 6): 1 WETH at 2000 against 1,750 USDC.
 */
export function morphoScenario(debtToCover: string): LendingScenario {
  return {
    model: 'lending',
    params: {
      baseScale: 6,
      assets: {
        WETH: { unit: '0.000000000000000001', liquidationThreshold: '0.86', liquidationBonus: '1.043841336116910229', protocolFee: '0', collateral: true },
        USDC: { unit: '0.000001', liquidationThreshold: '0', liquidationBonus: '1', protocolFee: '0', collateral: false },
      },
      rules: MORPHO,
    },
    prices: { WETH: '2000', USDC: '1' },
    account: { supplies: { WETH: '1' }, borrows: { USDC: '1750' } },
    request: { debtAsset: 'USDC', collateralAsset: 'WETH', debtToCover },
  };
}

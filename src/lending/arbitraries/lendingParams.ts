/**
 * Valid, edge-biased lending parameter sets (spec §11.1): realistic asset sets and every rule
 * kind the lending model knows.
 *
 * @remarks The assets are the ones real markets list, with their token decimals: a 6-decimal
 * stablecoin (USDC), WETH (18) and WBTC (8); the base currency has 8 decimals, as Aave's and
 * Compound's USD oracles do. Four rule forms are drawn:
 *
 * - `aave-v3.0`: close factor 0.5 of the debt reserve, 1 at or below HF 0.95, no dust rule, no
 *   deficit (aave/aave-v3-core `contracts/protocol/libraries/logic/LiquidationLogic.sol`,
 *   `DEFAULT_LIQUIDATION_CLOSE_FACTOR`, `CLOSE_FACTOR_HF_THRESHOLD`);
 * - `aave-v3.3`: close factor 0.5 of the total debt value, 1 when the request's collateral or debt
 *   reserve is worth less than 2,000 base, a 1,000 minimum leftover, deficit
 *   (aave-dao/aave-v3-origin `src/contracts/protocol/libraries/logic/LiquidationLogic.sol`,
 *   `MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD`, `MIN_LEFTOVER_BASE`), sometimes with those thresholds
 *   scaled so that small accounts reach them too;
 * - `morpho`: one loan asset and one collateral, CF 1, no dust rule, deficit, no protocol fee, the
 *   LIF of morpho-org/morpho-blue `src/Morpho.sol` (`min(1.15, 1/(1 − 0.3·(1 − LLTV)))` floored
 *   to 10^−18, or one time in four to a basis point, so that the I4 boundary `LIF·LLTV` lies on a
 *   grid the scenario solver can hit exactly);
 * - `absorb`: Compound v3, a USDC base asset that is not collateral, WETH/WBTC collateral with a
 *   liquidation factor (compound-finance/comet `contracts/Comet.sol` `absorbInternal`).
 *
 * Liquidation thresholds are drawn in 0.5…0.95 (0.5 itself, the floor, one draw in six per
 * asset), bonuses in 1.01…1.15 with `LB·LT ≤ 1` (Aave's configurator refuses more:
 * `PoolConfigurator.configureReserveAsCollateral`), protocol fees in 0…0.2.
 * @see docs/spec.md#11-lending-health-factor
 */
import fc from 'fast-check';
import { deepFreeze } from '../../model/frozen.ts';
import type { LendingAsset, LendingParams, LendingRules } from '../../wire/lending.ts';
import { decimalOf, floorDiv, ten } from './units.ts';

/** The rule forms {@link lendingParams} draws. */
export const LENDING_RULE_KINDS = ['aave-v3.0', 'aave-v3.3', 'morpho', 'absorb'] as const;
export type LendingRuleKind = (typeof LENDING_RULE_KINDS)[number];

/** The generated assets and their token decimals (lendingScenario prices them by id). */
export const LENDING_ASSETS = [
  { id: 'USDC', decimals: 6 },
  { id: 'WBTC', decimals: 8 },
  { id: 'WETH', decimals: 18 },
] as const;
export type LendingAssetId = (typeof LENDING_ASSETS)[number]['id'];

/** The base currency scale of every generated set (USD with 8 decimals). */
export const BASE_SCALE = 8;
/** The lowest liquidation threshold generated, in basis points: "the LT floor". */
export const LT_FLOOR_BP = 5000;
const LT_TOP_BP = 9500;
const LB_FLOOR_BP = 10100;
const LB_TOP_BP = 11500;

/** Knobs of {@link lendingParams}. */
export interface LendingParamsConstraints {
  /** Rule forms to draw from, each equally likely. Default all of {@link LENDING_RULE_KINDS}. */
  readonly rules?: readonly LendingRuleKind[];
}

const bp = (n: number): string => decimalOf(BigInt(n), 4);
const bpRange = (lo: number, hi: number, step = 1): fc.Arbitrary<number> =>
  fc.integer({ min: Math.ceil(lo / step), max: Math.floor(hi / step) }).map((k) => k * step);

/** LT in basis points: the floor, round values (multiples of 2.5 %) and any basis point. */
const ltArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(LT_FLOOR_BP), weight: 2 },
  { arbitrary: bpRange(LT_FLOOR_BP, LT_TOP_BP, 250), weight: 6 },
  { arbitrary: bpRange(LT_FLOOR_BP, LT_TOP_BP), weight: 4 },
);

/** The highest LB, in basis points, with `LB·LT ≤ 1`. */
const lbTop = (lt: number): number => Math.min(LB_TOP_BP, Math.floor(100_000_000 / lt));

function lbArb(lt: number): fc.Arbitrary<number> {
  const top = lbTop(lt);
  return fc.oneof(
    { arbitrary: fc.constantFrom(LB_FLOOR_BP, top), weight: 2 },
    { arbitrary: bpRange(LB_FLOOR_BP, top, 50), weight: 4 },
    { arbitrary: bpRange(LB_FLOOR_BP, top), weight: 2 },
  );
}

const feeArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.constantFrom(1000, 2000), weight: 3 },
  { arbitrary: bpRange(0, 2000), weight: 2 },
);

/** An Aave reserve that is collateral: LT, LB, fee. */
const aaveCollateralArb: fc.Arbitrary<Omit<LendingAsset, 'unit'>> = ltArb.chain((lt) =>
  fc.record({ lb: lbArb(lt), fee: feeArb }).map(({ lb, fee }) => ({ liquidationThreshold: bp(lt), liquidationBonus: bp(lb), protocolFee: bp(fee), collateral: true })),
);

const unitOf = (decimals: number): string => decimalOf(1n, decimals);

/** A borrow-only asset: LT 0, no bonus. */
function debtOnly(decimals: number, extra: Partial<LendingAsset> = {}): LendingAsset {
  return { unit: unitOf(decimals), liquidationThreshold: '0', liquidationBonus: '1', protocolFee: '0', ...extra, collateral: false };
}

/** Aave v3.3's thresholds, or both scaled by one factor, in base currency. */
const thresholdsArb = fc.oneof(
  { arbitrary: fc.constant({ full: '2000', leftover: '1000' }), weight: 3 },
  { arbitrary: fc.constantFrom({ full: '100', leftover: '50' }, { full: '500', leftover: '250' }, { full: '10000', leftover: '5000' }), weight: 1 },
);
const closeFactorArb = fc.oneof({ arbitrary: fc.constant('0.5'), weight: 5 }, { arbitrary: fc.constantFrom('0.25', '0.4', '0.6', '0.75'), weight: 1 });
const fullBelowHealthArb = fc.oneof({ arbitrary: fc.constant('0.95'), weight: 5 }, { arbitrary: fc.constantFrom('0.9', '0.97'), weight: 1 });

function aaveRules(kind: 'aave-v3.0' | 'aave-v3.3'): fc.Arbitrary<LendingRules> {
  return fc.record({ cf: closeFactorArb, hf: fullBelowHealthArb, t: thresholdsArb }).map(({ cf, hf, t }) =>
    kind === 'aave-v3.0'
      ? { kind: 'close-factor', closeFactor: cf, fullBelowHealth: hf, closeFactorOf: 'reserve', fullBelowBase: '0', minLeftoverBase: '0', deficit: false }
      : { kind: 'close-factor', closeFactor: cf, fullBelowHealth: hf, closeFactorOf: 'total', fullBelowBase: t.full, minLeftoverBase: t.leftover, deficit: true },
  );
}

/** Aave: one to three reserves, each collateral except, sometimes, one of two or more. */
function aaveParams(kind: 'aave-v3.0' | 'aave-v3.3'): fc.Arbitrary<LendingParams> {
  return fc
    .record({
      assets: fc.subarray([...LENDING_ASSETS], { minLength: 1 }),
      configs: fc.array(aaveCollateralArb, { minLength: 3, maxLength: 3 }),
      borrowOnly: fc.integer({ min: 0, max: 11 }),
      rules: aaveRules(kind),
    })
    .map(({ assets, configs, borrowOnly, rules }) => {
      const out: Record<string, LendingAsset> = {};
      assets.forEach((a, i) => {
        out[a.id] = assets.length >= 2 && borrowOnly === i ? debtOnly(a.decimals) : { unit: unitOf(a.decimals), ...configs[i]! };
      });
      return { baseScale: BASE_SCALE, assets: out, rules };
    });
}

/** Morpho's enabled LLTVs within 0.5…0.95, and the floor. */
const MORPHO_LLTV_BP = [LT_FLOOR_BP, 6250, 7700, 8600, 9150, 9450] as const;

/**
 * Morpho's LIF `min(1.15, 1/(1 − 0.3·(1 − LLTV)))` for an LLTV in basis points, floored to
 * `10^−digits` (Morpho's own: 18, `WAD.wDivDown`).
 */
export function morphoLif(lltvBp: number, digits: number): string {
  const exact = floorDiv(ten(digits) * 100_000n, BigInt(100_000 - 3 * (10_000 - lltvBp)));
  const top = BigInt(LB_TOP_BP) * ten(digits - 4);
  return decimalOf(exact < top ? exact : top, digits);
}

function morphoParams(): fc.Arbitrary<LendingParams> {
  return fc
    .record({
      pair: fc.shuffledSubarray([...LENDING_ASSETS], { minLength: 2, maxLength: 2 }),
      lltv: fc.constantFrom(...MORPHO_LLTV_BP),
      // Morpho's 18 digits mostly; to the basis point sometimes, where I4's boundary LIF·LLTV has
      // few enough digits for the scenario solver to put an account exactly on it.
      digits: fc.constantFrom(18, 18, 18, 4),
    })
    .map(({ pair, lltv, digits }) => {
      const [loan, coll] = pair as [(typeof LENDING_ASSETS)[number], (typeof LENDING_ASSETS)[number]];
      const collateral: LendingAsset = { unit: unitOf(coll.decimals), liquidationThreshold: bp(lltv), liquidationBonus: morphoLif(lltv, digits), protocolFee: '0', collateral: true };
      const assets: Record<string, LendingAsset> = {};
      for (const [id, a] of [[loan.id, debtOnly(loan.decimals)], [coll.id, collateral]] as const) assets[id] = a;
      return sortedAssets({
        baseScale: BASE_SCALE,
        assets,
        rules: { kind: 'close-factor', closeFactor: '1', fullBelowHealth: '0', closeFactorOf: 'reserve', fullBelowBase: '0', minLeftoverBase: '0', deficit: true },
      });
    });
}

/** Compound v3: USDC the base asset, one or two collaterals with a liquidation factor. */
function absorbParams(): fc.Arbitrary<LendingParams> {
  const collateral = fc.record({ lt: ltArb, lf: fc.oneof(fc.constantFrom(9300, 9500), bpRange(8000, 9800)) });
  return fc
    .record({ which: fc.subarray(['WBTC', 'WETH'] as const, { minLength: 1 }), configs: fc.array(collateral, { minLength: 2, maxLength: 2 }) })
    .map(({ which, configs }) => {
      const assets: Record<string, LendingAsset> = { USDC: debtOnly(6, { liquidationFactor: '1' }) };
      which.forEach((id, i) => {
        const decimals = LENDING_ASSETS.find((a) => a.id === id)!.decimals;
        assets[id] = { unit: unitOf(decimals), liquidationThreshold: bp(configs[i]!.lt), liquidationBonus: '1', protocolFee: '0', liquidationFactor: bp(configs[i]!.lf), collateral: true };
      });
      return sortedAssets({ baseScale: BASE_SCALE, assets, rules: { kind: 'absorb' } });
    });
}

/** The same set with its asset dictionary in code-unit order of ids (as the other sets are). */
function sortedAssets(p: LendingParams): LendingParams {
  const assets: Record<string, LendingAsset> = {};
  for (const id of Object.keys(p.assets).sort()) assets[id] = p.assets[id]!;
  return { ...p, assets };
}

const BY_KIND: Readonly<Record<LendingRuleKind, () => fc.Arbitrary<LendingParams>>> = {
  'aave-v3.0': () => aaveParams('aave-v3.0'),
  'aave-v3.3': () => aaveParams('aave-v3.3'),
  morpho: morphoParams,
  absorb: absorbParams,
};

/**
 * Valid lending parameter sets of the requested rule forms, deeply frozen.
 * @throws Error when `rules` is empty or names an unknown form.
 */
export function lendingParams(c: LendingParamsConstraints = {}): fc.Arbitrary<LendingParams> {
  const kinds = c.rules ?? LENDING_RULE_KINDS;
  if (kinds.length === 0 || kinds.some((k) => !(LENDING_RULE_KINDS as readonly string[]).includes(k))) {
    throw new Error(`lendingParams: rules must be a non-empty list of ${LENDING_RULE_KINDS.join(', ')}, got ${JSON.stringify(kinds)}`);
  }
  return fc.oneof(...kinds.map((k) => BY_KIND[k]())).map((p) => deepFreeze(p));
}

/** The rule form of a parameter set, as {@link lendingParams} draws them. */
export function ruleKindOf(p: LendingParams): LendingRuleKind {
  const r = p.rules;
  if (r.kind === 'absorb') return 'absorb';
  if (r.closeFactorOf === 'total') return 'aave-v3.3';
  return r.closeFactor === '1' ? 'morpho' : 'aave-v3.0';
}

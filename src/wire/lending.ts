// lending wire shape: ready
/**
 * The lending model's wire shapes (spec §11): a health-factor account of several collaterals and
 * debts (Aave v3, Morpho Blue, Compound v3), the liquidator's call and the reference's result.
 *
 * @remarks A model beside the perpetuals one, not a variant of it: a scenario says
 * `model: "lending"`, and nothing of `Scenario`/`Result` (spec §2, §8) changes. Amounts are token
 * amounts (`"1.5"` ETH, a multiple of the asset's `unit`); prices are in the base currency per whole
 * token; base values are multiples of `10^−baseScale`. Every dictionary is keyed by asset id.
 * @see docs/spec.md#11-lending-health-factor
 */
import { Type } from 'typebox';
import { INPUT_DIGITS, RESULT_DIGITS } from '../model/parseDecimal.ts';
import { CLOSED, InputDecimal, ResultDecimal, decimalString, dictionary, wireId, type Wire } from './common.ts';

const inputDecimal = (description: string) => decimalString('input', INPUT_DIGITS, description);

export const LendingAsset = Type.Object(
  {
    unit: inputDecimal("the token's smallest unit, a power of ten ≤ 1 (\"0.000001\" for USDC, \"0.000000000000000001\" for WETH): every amount of the asset is a multiple of it"),
    liquidationThreshold: inputDecimal("LT, 0 ≤ LT < 1 (> 0 for a collateral asset): Aave's liquidation threshold, Morpho's LLTV, Compound's liquidateCollateralFactor"),
    liquidationBonus: inputDecimal("LB ≥ 1: collateral seized per unit of debt value repaid (Aave's liquidation bonus 1.05, Morpho's LIF); unused by absorb"),
    protocolFee: inputDecimal("the protocol's share of the bonus, 0 ≤ f ≤ 1 (Aave's liquidationProtocolFee, at most 100 %; 0 for Morpho)"),
    liquidationFactor: Type.Optional(
      inputDecimal("Compound v3's liquidationFactor, 0 < LF ≤ 1: the share of a collateral's value credited by absorb; required under absorb rules"),
    ),
    collateral: Type.Boolean({ description: 'whether a supply of the asset counts as collateral (Aave usageAsCollateralEnabled, Morpho the market\'s collateral token, a Comet asset)' }),
  },
  { ...CLOSED, $id: wireId('lendingAsset'), title: 'Lending asset', description: 'The risk parameters of one asset (spec §11.1).' },
);
export type LendingAsset = Wire<typeof LendingAsset>;

export const CloseFactorOf = Type.Union([Type.Literal('reserve'), Type.Literal('total')], { expected: 'one of "reserve", "total"' });
export type CloseFactorOf = Wire<typeof CloseFactorOf>;

/**
 * The order of the seizure's roundings (spec §11.5–§11.6): `exact` (absent) one exact quotient
 * each; `aave` as Aave v3.7 (convert, then the bonus; the fee on a floored bonus base); `morpho`
 * as Morpho Blue (the incentive on the debt, then convert). Additive: absent means `exact`.
 */
export const SeizeRounding = Type.Union([Type.Literal('exact'), Type.Literal('aave'), Type.Literal('morpho')], {
  expected: 'one of "exact", "aave", "morpho"',
  description: 'the order of the seizure\'s roundings (spec §11.5–§11.6); absent: "exact"',
});
export type SeizeRounding = Wire<typeof SeizeRounding>;

export const CloseFactorRules = Type.Object(
  {
    kind: Type.Literal('close-factor'),
    closeFactor: inputDecimal('CF, 0 < CF ≤ 1: the share of debt one call may repay (Aave 0.5; 1 = none, Morpho)'),
    fullBelowHealth: inputDecimal('the health factor at or below which CF = 1 (Aave 0.95), ≥ 0'),
    // what CF is a share of: "reserve" the debt asset's debt (Aave ≤ v3.2), "total" the total debt value (Aave v3.3)
    closeFactorOf: CloseFactorOf,
    fullBelowBase: inputDecimal("in base currency: CF = 1 when the request's collateral value or debt value is below it (Aave v3.3 2000); 0 = off"),
    minLeftoverBase: inputDecimal('in base currency: a call that leaves both the debt and the collateral reserve non-zero must leave each worth at least this, else it reverts (Aave v3.3 1000); 0 = off'),
    deficit: Type.Boolean({ description: 'whether the debt left once no collateral remains is written off as deficit (Aave ≥ v3.3, Morpho)' }),
    rounding: Type.Optional(SeizeRounding),
  },
  { ...CLOSED, description: "A liquidator repays part of one debt asset and seizes one collateral asset with a bonus (Aave v3, Morpho Blue; spec §11.4–§11.8)." },
);
export type CloseFactorRules = Wire<typeof CloseFactorRules>;

export const AbsorbRules = Type.Object(
  { kind: Type.Literal('absorb') },
  { ...CLOSED, description: 'The protocol seizes all collateral and credits value × liquidationFactor against the one debt; reserves absorb the rest (Compound v3 absorb; spec §11.9).' },
);
export type AbsorbRules = Wire<typeof AbsorbRules>;

export const LendingRules = Type.Union([CloseFactorRules, AbsorbRules], {
  expected: 'lending rules (kind "close-factor" or "absorb", spec §11)',
});
export type LendingRules = Wire<typeof LendingRules>;

export const LendingParams = Type.Object(
  {
    baseScale: Type.Integer({ minimum: 0, maximum: 18, description: 'the base currency unit is 10^−baseScale (8 for Aave\'s and Compound\'s USD prices)' }),
    assets: dictionary(LendingAsset, { description: 'risk parameters by asset id' }),
    rules: LendingRules,
  },
  { ...CLOSED, $id: wireId('lendingParams'), title: 'liqcheck lending parameters', description: 'The parameters of a lending market (spec §11.1).' },
);
export type LendingParams = Wire<typeof LendingParams>;

export const LendingAccount = Type.Object(
  {
    supplies: dictionary(InputDecimal, { description: 'supplied token amounts by asset id, each ≥ 0 and a multiple of the asset unit' }),
    borrows: dictionary(InputDecimal, { description: 'borrowed token amounts by asset id, each ≥ 0 and a multiple of the asset unit' }),
  },
  CLOSED,
);
export type LendingAccount = Wire<typeof LendingAccount>;

/** Aave's `type(uint256).max`: as much as the close factor allows. */
export const MAX_DEBT = 'max';

export const LendingRequest = Type.Object(
  {
    debtAsset: Type.String({ minLength: 1 }),
    collateralAsset: Type.String({ minLength: 1 }),
    debtToCover: Type.Union([InputDecimal, Type.Literal(MAX_DEBT)], {
      expected: 'a decimal string > 0 (a multiple of the debt asset unit) or "max"',
      description: 'the debt the liquidator offers to repay, in debt tokens; "max" for as much as allowed',
    }),
  },
  { ...CLOSED, description: "The liquidator's call (Aave liquidationCall, Morpho liquidate by repaid amount; spec §11.4)." },
);
export type LendingRequest = Wire<typeof LendingRequest>;

export const LendingScenario = Type.Object(
  {
    model: Type.Literal('lending'),
    params: LendingParams,
    prices: dictionary(InputDecimal, { description: 'price by asset id, in base currency per whole token, > 0' }),
    account: LendingAccount,
    request: Type.Optional(LendingRequest),
    reserves: Type.Optional(inputDecimal("the protocol's reserves in the debt asset before absorb (Compound v3 getReserves; may be negative)")),
  },
  {
    ...CLOSED,
    $id: wireId('lendingScenario'),
    title: 'Lending scenario',
    description: 'A lending liquidation scenario (spec §11): `request` required under close-factor rules and absent under absorb. Decimal syntax is checked here; the semantic rules of spec §11.1 are the engine\'s to check.',
  },
);
export type LendingScenario = Wire<typeof LendingScenario>;

/** Why a liquidation call reverted (spec §11.7). Additive: new reasons may be added. */
export const LendingRevertReason = Type.Union([Type.Literal('must-not-leave-dust')], { expected: 'one of "must-not-leave-dust"' });
export type LendingRevertReason = Wire<typeof LendingRevertReason>;

export const LendingStatus = Type.Union([Type.Literal('healthy'), Type.Literal('liquidated'), Type.Literal('reverted')], {
  expected: 'one of "healthy", "liquidated", "reverted"',
});
export type LendingStatus = Wire<typeof LendingStatus>;

/** Amounts by asset id: only non-zero entries, canonical (spec §11.10). */
const Amounts = (description: string) => dictionary(ResultDecimal, { description });

export const HealthFactor = Type.Union([ResultDecimal, Type.Null()], {
  expected: 'a canonical decimal string (the health factor floored to 10^−18) or null (no debt)',
});

export const LendingResultAccount = Type.Object(
  { supplies: Amounts('supplies after, non-zero only'), borrows: Amounts('borrows after, non-zero only') },
  CLOSED,
);
export type LendingResultAccount = Wire<typeof LendingResultAccount>;

export const LendingResult = Type.Object(
  {
    status: LendingStatus,
    reason: Type.Optional(LendingRevertReason),
    repaid: Amounts('debt repaid (close-factor) or extinguished (absorb), by debt asset'),
    seized: Amounts("collateral leaving the account, protocol fee included, by collateral asset"),
    protocolFee: Amounts("the protocol's share of the bonus, by collateral asset (part of seized)"),
    liquidatorReceives: Amounts('seized − protocolFee, by collateral asset (empty under absorb: the protocol keeps the collateral)'),
    deficit: Amounts('debt written off as bad debt, by debt asset'),
    account: LendingResultAccount,
    healthBefore: HealthFactor,
    healthAfter: HealthFactor,
    reserves: Type.Optional(decimalString('canonical', RESULT_DIGITS, 'reserves after absorb, when the scenario states them')),
  },
  {
    ...CLOSED,
    $id: wireId('lendingResult'),
    title: 'Lending result',
    description: "The reference's lending result (spec §11.10): `reason` present iff status is \"reverted\"; a reverted or healthy call moves nothing.",
  },
);
export type LendingResult = Wire<typeof LendingResult>;

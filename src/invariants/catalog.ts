/**
 * The invariant catalog, in id order. Ids are stable and never reused.
 */
import { bookConsistent } from './bookConsistent.ts';
import { determinism } from './determinism.ts';
import { executionAtMark } from './executionAtMark.ts';
import { gridConformity } from './gridConformity.ts';
import { healthyUntouched } from './healthyUntouched.ts';
import { insuranceFund } from './insuranceFund.ts';
import type { Invariant, ParamsInvariant } from './invariant.ts';
import { liquidatableActedOn } from './liquidatableActedOn.ts';
import { linearPenaltyFunction } from './linearPenaltyFunction.ts';
import { longShortMirror } from './longShortMirror.ts';
import { minimalCloseSize } from './minimalCloseSize.ts';
import { noNegativeEquity } from './noNegativeEquity.ts';
import { bufferValid } from './params/bufferValid.ts';
import { penaltyBelowMaintenance } from './params/penaltyBelowMaintenance.ts';
import { scheduleMonotone } from './params/scheduleMonotone.ts';
import { tiersContinuous } from './params/tiersContinuous.ts';
import { penaltyCap } from './penaltyCap.ts';
import { penaltyDistressMonotone } from './penaltyDistressMonotone.ts';
import { penaltySchedule } from './penaltySchedule.ts';
import { positionOrder } from './positionOrder.ts';
import { postLiquidationSafety } from './postLiquidationSafety.ts';
import { priceShockMonotone } from './priceShockMonotone.ts';
import { reduceOnly } from './reduceOnly.ts';
import { portionSized } from './portionSized.ts';
import { stepsDown } from './stepsDown.ts';
import { fullOnly } from './fullOnly.ts';
import { requestBounded } from './requestBounded.ts';
import { rejectsInvalidInput } from './rejectsInvalidInput.ts';
import { reportConsistent } from './reportConsistent.ts';
import { valueConservation } from './valueConservation.ts';
import { lossBufferMonotone } from './lossBufferMonotone.ts';
import { backstopTakeover } from './backstopTakeover.ts';
import { feeBoundedByBankruptcy } from './feeBoundedByBankruptcy.ts';
import { bankruptcyPriced } from './bankruptcyPriced.ts';
import { priceScaling } from './priceScaling.ts';
import { haircutMonotone } from './haircutMonotone.ts';
import { salesBounded } from './salesBounded.ts';
import { noNegativeAsset } from './noNegativeAsset.ts';

/** LIQ-000 is not an entry: the runner reports it when an engine's answer is not a result. */
export const WELL_FORMED = {
  id: 'LIQ-000',
  title: 'well-formed result',
  statement: 'For every valid scenario the engine returns a result of the documented shape (no error, no exception, canonical decimal strings).',
  domain: 'All valid scenarios.',
  spec: '#8-result',
} as const;

export const CATALOG: readonly Invariant[] = [
  healthyUntouched,
  liquidatableActedOn,
  postLiquidationSafety,
  minimalCloseSize,
  noNegativeEquity,
  penaltySchedule,
  valueConservation,
  reduceOnly,
  gridConformity,
  penaltyCap,
  insuranceFund,
  determinism,
  longShortMirror,
  positionOrder,
  priceShockMonotone,
  penaltyDistressMonotone,
  reportConsistent,
  rejectsInvalidInput,
  portionSized,
  stepsDown,
  fullOnly,
  requestBounded,
  bookConsistent,
  executionAtMark,
  linearPenaltyFunction,
  lossBufferMonotone,
  backstopTakeover,
  feeBoundedByBankruptcy,
  bankruptcyPriced,
  priceScaling,
  haircutMonotone,
  salesBounded,
  noNegativeAsset,
];

/**
 * Ids judged on inverse markets only (spec §12.7, §12.8). The reference policy runs no inverse
 * market (§12.1) and the linear generators draw none, so the suites that show every judged id in
 * its domain on linear scenarios leave these out; properties/inverseZoo.test.ts shows them.
 */
export const INVERSE_ONLY: ReadonlySet<string> = new Set(['LIQ-030']);

/**
 * Ids judged on scenarios with `params.assets` only (spec §13.6). The reference policy refuses
 * such scenarios (§13.1) and the linear generators draw none, so the suites that show every judged
 * id in its domain on linear scenarios leave these out; properties/multiAssetZoo.test.ts shows them.
 */
export const MULTI_ASSET_ONLY: ReadonlySet<string> = new Set(['LIQ-031', 'LIQ-032', 'LIQ-033']);

export const PARAMS_CATALOG: readonly ParamsInvariant[] = [
  tiersContinuous,
  penaltyBelowMaintenance,
  scheduleMonotone,
  bufferValid,
];

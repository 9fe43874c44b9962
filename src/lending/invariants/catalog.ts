/**
 * The lending invariant catalog (spec §11), in id order. Ids `LND-NNN` are stable and never
 * reused; LND-000 is not an entry: {@link checkLendingCase} reports it when an engine's answer to a
 * valid scenario is not a readable result.
 * @see docs/spec.md#11-lending-health-factor
 */
import { closeFactorBound } from './closeFactorBound.ts';
import { deficitOnlyWhenEmpty } from './deficitOnlyWhenEmpty.ts';
import { determinism } from './determinism.ts';
import { dustRule } from './dustRule.ts';
import { healthReported } from './healthReported.ts';
import { healthyUntouched } from './healthyUntouched.ts';
import { inputOrderIndependent } from './inputOrderIndependent.ts';
import type { LendingInvariant } from './invariant.ts';
import { liquidatableActedOn } from './liquidatableActedOn.ts';
import { noNegativeBalance } from './noNegativeBalance.ts';
import { partialImprovesHealth } from './partialImprovesHealth.ts';
import { protocolFeeShare } from './protocolFeeShare.ts';
import { seizureBounded } from './seizureBounded.ts';
import { valueConserved } from './valueConserved.ts';

export const LENDING_WELL_FORMED = {
  id: 'LND-000',
  title: 'well-formed lending result',
  statement: 'For every valid lending scenario the engine returns a result of the documented shape (no error, no exception, no extra key; canonical decimal strings, non-zero entries of known assets; reason iff reverted).',
  domain: 'All valid lending scenarios.',
  spec: '#1110-result-and-rounding-summary',
} as const;

export const LENDING_CATALOG: readonly LendingInvariant[] = [
  healthyUntouched,
  liquidatableActedOn,
  closeFactorBound,
  seizureBounded,
  protocolFeeShare,
  valueConserved,
  noNegativeBalance,
  dustRule,
  deficitOnlyWhenEmpty,
  partialImprovesHealth,
  determinism,
  inputOrderIndependent,
  healthReported,
];

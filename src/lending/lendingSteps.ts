/**
 * The steps the reference lending liquidation (liquidateLending.ts) is composed of, as one
 * swappable set — the lending counterpart of the perpetuals model's `Rules` (src/model/liquidateGroup.ts).
 * The reference runs {@link REFERENCE_LENDING_STEPS}; the lending zoo (src/lending/zoo/) passes the
 * same orchestration a set with one step replaced, so a zoo engine differs from the reference by
 * that step alone and never by a copy of the orchestration drifting.
 * @see docs/spec.md#11-lending-health-factor
 */
import type { Fixed } from '../model/fixed.ts';
import { absorb } from './absorb.ts';
import { accountValue } from './baseValue.ts';
import { maxRepayable } from './closeFactor.ts';
import { writeOff, type WriteOff } from './deficit.ts';
import { leavesDust } from './dust.ts';
import { isLiquidatable } from './healthFactor.ts';
import { protocolFee } from './protocolFee.ts';
import { seize, type Seizure } from './seize.ts';
import type { FLendingAccount, FMarket, FRequest } from './types.ts';

/** The replaceable steps, each with the reference's signature (plus the request where a bug needs it). */
export interface LendingSteps {
  readonly accountValue: typeof accountValue;
  readonly isLiquidatable: typeof isLiquidatable;
  readonly maxRepayable: typeof maxRepayable;
  readonly seize: typeof seize;
  readonly protocolFee: typeof protocolFee;
  readonly leavesDust: typeof leavesDust;
  /** the debt taken off the borrow: the reference burns what the seizure says was repaid */
  readonly debtBurned: (covered: Fixed, seizure: Seizure) => Fixed;
  readonly writeOff: (market: FMarket, account: FLendingAccount, request: FRequest) => WriteOff;
  readonly absorb: typeof absorb;
}

/** The reference's steps: spec §11.2–§11.9 as written. */
export const REFERENCE_LENDING_STEPS: LendingSteps = {
  accountValue,
  isLiquidatable,
  maxRepayable,
  seize,
  protocolFee,
  leavesDust,
  debtBurned: (_covered, seizure) => seizure.repaid,
  writeOff: (market, account) => writeOff(market, account),
  absorb,
};

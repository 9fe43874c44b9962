import type { RiskParams } from '../model/types.ts';
import { PARAMS_CATALOG } from './catalog.ts';
import type { ParamsInvariant, Violation } from './invariant.ts';

/** Runs the parameter-level invariants on a risk-parameter set. */
export function checkParams(params: RiskParams, invariants: readonly ParamsInvariant[] = PARAMS_CATALOG): Violation[] {
  return invariants.flatMap((inv) => inv.check(params).map((message) => ({ invariant: inv.id, message })));
}

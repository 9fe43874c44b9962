/**
 * Plumbing shared by the lending zoo: a zoo engine is the reference (src/lending/liquidateLending.ts)
 * run with exactly one of its steps replaced (src/lending/lendingSteps.ts), or its result rewritten
 * afterwards. `lendingEngineWith({})` is the reference itself: properties/lendingZoo.test.ts checks
 * that it answers every generated scenario exactly as `liquidateLending` does.
 * @see docs/spec.md#11-lending-health-factor
 */
import type { LendingResult, LendingScenario } from '../../wire/lending.ts';
import type { LendingEngine } from '../invariants/invariant.ts';
import { REFERENCE_LENDING_STEPS, type LendingSteps } from '../lendingSteps.ts';
import { liquidateParsedLending } from '../liquidateLending.ts';
import { parseLendingScenario } from '../parseLendingScenario.ts';
import type { FLendingScenario, FMarket } from '../types.ts';

/** The reference's steps, plus a last rewrite of the result (identity in the reference). */
export interface LendingZooSteps extends LendingSteps {
  readonly finish: (result: LendingResult, sc: FLendingScenario) => LendingResult;
}

/** The reference with the given steps replaced. */
export function lendingEngineWith(overrides: Partial<LendingZooSteps>): LendingEngine {
  const { finish = (result: LendingResult) => result, ...swapped } = overrides;
  const steps: LendingSteps = { ...REFERENCE_LENDING_STEPS, ...swapped };
  return (scenario: LendingScenario) => {
    const parsed = parseLendingScenario(scenario);
    if (!parsed.ok) return { ok: false, error: { code: 'invalid-input', issues: parsed.issues } };
    return { ok: true, result: finish(liquidateParsedLending(parsed.value, steps), parsed.value) };
  };
}

/** The market with one asset's parameters changed (a bug that reads the wrong configuration). */
export function withAsset(market: FMarket, asset: string, change: Partial<ReturnType<FMarket['assets']['get']> & object>): FMarket {
  const assets = new Map(market.assets);
  assets.set(asset, { ...market.assets.get(asset)!, ...change });
  return { ...market, assets };
}

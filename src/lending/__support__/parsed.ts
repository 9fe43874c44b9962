/** A wire scenario parsed for the rule tests; a test scenario that fails to parse is a test bug. */
import type { LendingScenario } from '../../wire/lending.ts';
import { parseLendingScenario } from '../parseLendingScenario.ts';
import type { FLendingScenario } from '../types.ts';

export function parsed(sc: LendingScenario): FLendingScenario {
  const out = parseLendingScenario(sc);
  if (!out.ok) throw new Error(`test scenario rejected: ${JSON.stringify(out.issues)}`);
  return out.value;
}

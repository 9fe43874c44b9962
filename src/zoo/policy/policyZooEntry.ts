/** An entry of the policy zoo: a wrong engine that declares a policy other than minimal-close. */
import type { Engine } from '../../model/types.ts';
import type { Policy } from '../../wire/policy.ts';

export interface PolicyZooEntry {
  readonly name: string;
  /** the policy the engine declares (and the scenarios it is checked on are under) */
  readonly policy: Policy;
  readonly engine: Engine;
  /** one line: what is wrong */
  readonly bug: string;
  /** catalog ids this engine is shown to violate (properties/policyZoo.test.ts) */
  readonly violates: readonly string[];
  /** the scenario shape that surfaces the bug (properties/policyZoo.test.ts `SHAPES`; default `any`) */
  readonly shape?: PolicyZooShape;
}

/** Scenario shapes the policy zoo hunts on. */
export type PolicyZooShape = 'any' | 'single' | 'partial' | 'crossMulti' | 'mixed';

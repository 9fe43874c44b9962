/**
 * An in-process engine declaring an inline policy (spec §10.3 `full`): the reference, which reads
 * the policy from each scenario, so it closes every position of a liquidatable group in full.
 */
import { liquidate } from '../../model/liquidate.ts';
import type { Scenario } from '../../model/types.ts';

export const name = 'full-close-module';
export const version = '1.0.0';
export const policy = { closeSize: { kind: 'full' } };

export default function engine(s: Scenario) {
  return liquidate(s);
}

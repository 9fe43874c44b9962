/**
 * An in-process engine that supports no feature (`features: []`): every generated scenario needs at
 * least one (docs/protocol.md#features), so a run judges none of them — which must not pass.
 */
import { liquidate } from '../../model/liquidate.ts';
import type { Scenario } from '../../model/types.ts';

export const name = 'featureless-module';
export const version = '1.0.0';
export const features: string[] = [];

export default function engine(s: Scenario) {
  return liquidate(s);
}

/** An in-process engine declaring a policy name the reference does not know: the reference's answers. */
import { liquidate } from '../../model/liquidate.ts';
import type { Scenario } from '../../model/types.ts';

export const name = 'house-rules-module';
export const policy = 'house-rules';

export default function engine(s: Scenario) {
  return liquidate(s);
}

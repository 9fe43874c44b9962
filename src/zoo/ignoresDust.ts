/**
 * Zoo engine "ignores dust": the dust rule is never applied, so a reduction may leave a
 * position whose notional is below `dustNotional`.
 *
 * Bug class: dust positions left behind (Aave v4 leaving dust on one side, dYdX/Binance-style
 * minimum-notional checks skipped on the liquidation path): positions too small to be worth
 * liquidating later, which then accumulate unpaid risk.
 *
 * Violates LIQ-009 (dust conformity).
 */
import { ZERO } from '../model/decimal.ts';
import type { Engine } from '../model/types.ts';
import { withInput } from './support.ts';

export const ignoresDust: Engine = withInput((sc) => ({ ...sc, params: { ...sc.params, dustNotional: ZERO } }));

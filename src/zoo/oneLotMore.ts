/**
 * Zoo engine "one lot more": a partial liquidation closes one lot more than the minimal close
 * (a full close when that reaches the whole position).
 *
 * Bug class: a defensive "+1 lot for rounding safety" added on top of an already rounded-up and
 * verified size — harmless-looking, but it liquidates more of the trader than needed.
 *
 * Violates LIQ-004 (minimal close size).
 */
import { minimalClose } from '../model/minimalClose.ts';
import { tiersOf } from '../model/groupHealth.ts';
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

export const oneLotMore: Engine = withRules({
  minimalClose: (v, g, market, rate) => {
    const m = minimalClose(v, g, market, rate);
    if (m.kind !== 'partial') return m;
    const size = m.size.add(tiersOf(v, market).lot);
    return size.lt(g.positions.find((p) => p.market === market)!.size.abs()) ? { kind: 'partial', size } : { kind: 'none' };
  },
});

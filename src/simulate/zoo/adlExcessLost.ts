import { ZERO } from '../../model/decimal.ts';
import { deleverage } from '../adl/index.ts';
import { referenceStepEngine } from '../referenceStepEngine.ts';
import type { WrongSimulator } from './wrongSimulator.ts';

export const adlExcessLost: WrongSimulator = {
  name: 'adl-excess-lost',
  breaks: 'SYS-002',
  description: 'ADL rounds each reduction up to whole lots, but the excess of the transfers over the socialized loss is never credited to the fund (toFund keeps only the floor residues): value leaves the system.',
  options: (setup) => ({
    engine: referenceStepEngine(setup, {
      name: 'adl-excess-lost',
      deleverage: (input, rank) => {
        const e = deleverage(input, ...(rank === undefined ? [] : [rank]));
        let transfers = ZERO;
        for (const r of e.reductions) transfers = transfers.add(r.transfer);
        const excess = e.reductions.length === 0 ? ZERO : transfers.add(e.unpaid).sub(e.owed);
        return { ...e, toFund: e.toFund.sub(excess) };
      },
    }),
  }),
};

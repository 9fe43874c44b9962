import { Dec } from '../../model/decimal.ts';
import { auctionPrice, startPrice } from '../auction/index.ts';
import type { WrongSimulator } from './wrongSimulator.ts';

export const auctionFollowsMark: WrongSimulator = {
  name: 'auction-follows-mark',
  breaks: 'SYS-006',
  description: 'The auction prices its curve from the current mark\'s premium price instead of the kick\'s (or reset\'s) start: the price re-anchors every step and rises with the mark.',
  options: () => {
    let mark: Dec | undefined;
    return {
      // the bug's own watcher: the step's mark, known before the auctions run (S7.1)
      onEvent: (e) => {
        if (e.type === 'step') mark = new Dec(e.mark);
      },
      rules: {
        auctionPrice: (a, step, cfg, tick) => auctionPrice(mark === undefined ? a : { ...a, start: startPrice(a.side, mark, cfg.premium, tick) }, step, cfg, tick),
      },
    };
  },
};

import { Dec } from '../../model/decimal.ts';
import { auctionPrice } from '../auction/index.ts';
import type { WrongSimulator } from './wrongSimulator.ts';

const NO_CUSP = new Dec('0.000000000001');

export const auctionNoFloor: WrongSimulator = {
  name: 'auction-no-floor',
  breaks: 'SYS-006',
  description: 'The auction never resets on the cusp (only on the tail): its price keeps decaying below top·cusp and lots sell far under their floor.',
  options: () => ({ rules: { auctionPrice: (a, step, cfg, tick) => auctionPrice(a, step, { ...cfg, cusp: NO_CUSP }, tick) } }),
};

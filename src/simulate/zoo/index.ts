/** The system zoo (docs/simulation.md S10): at least one wrong simulator per system invariant. */
import { adlById } from './adlById.ts';
import { adlByProfit } from './adlByProfit.ts';
import { adlDespiteFund } from './adlDespiteFund.ts';
import { adlExcessLost } from './adlExcessLost.ts';
import { badDebtLeft } from './badDebtLeft.ts';
import { auctionFollowsMark } from './auctionFollowsMark.ts';
import { auctionNoFloor } from './auctionNoFloor.ts';
import { feeSplitSkew } from './feeSplitSkew.ts';
import { forgottenPenalty } from './forgottenPenalty.ts';
import { keeperIgnoresCost } from './keeperIgnoresCost.ts';
import { keeperIgnoresLatency } from './keeperIgnoresLatency.ts';
import { randomOrder } from './randomOrder.ts';
import { staleMark } from './staleMark.ts';
import type { WrongSimulator } from './wrongSimulator.ts';

export type { WrongSimulator } from './wrongSimulator.ts';
export { adlById, adlByProfit, adlDespiteFund, adlExcessLost, auctionFollowsMark, auctionNoFloor, badDebtLeft, feeSplitSkew, forgottenPenalty, keeperIgnoresCost, keeperIgnoresLatency, randomOrder, staleMark };

export const SYSTEM_ZOO: readonly WrongSimulator[] = [
  forgottenPenalty,
  adlExcessLost,
  adlDespiteFund,
  adlByProfit,
  adlById,
  staleMark,
  auctionFollowsMark,
  auctionNoFloor,
  badDebtLeft,
  randomOrder,
  keeperIgnoresCost,
  keeperIgnoresLatency,
  feeSplitSkew,
];

import { Dec } from '../../model/decimal.ts';
import type { AdlCandidate, RankFn } from '../adl/index.ts';
import { referenceStepEngine } from '../referenceStepEngine.ts';
import type { WrongSimulator } from './wrongSimulator.ts';

const TEN18 = new Dec(10).pow(18);

/** Ranks by PNL% = side·(m − e)/e alone (exactly, by cross-multiplication), ignoring leverage. */
export const rankByProfitOnly: RankFn = (candidates: readonly AdlCandidate[], mark: Dec) => {
  const pnl = (c: AdlCandidate): Dec => (c.size.gt(0) ? mark.sub(c.entry) : c.entry.sub(mark));
  const sorted = [...candidates].sort((a, b) => pnl(b).mul(a.entry).cmp(pnl(a).mul(b.entry)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.map((candidate) => ({ candidate, score: pnl(candidate).mul(TEN18).divToInt(candidate.entry).div(TEN18) }));
};

export const adlByProfit: WrongSimulator = {
  name: 'adl-by-profit',
  breaks: 'SYS-004',
  description: 'ADL ranks counterparties by profit only (PNL%), ignoring their effective leverage: a low-leverage winner is deleveraged before a highly levered one.',
  options: (setup) => ({ engine: referenceStepEngine(setup, { name: 'adl-by-profit', rank: rankByProfitOnly }) }),
};

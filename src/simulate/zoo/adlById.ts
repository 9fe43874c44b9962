import { ZERO } from '../../model/decimal.ts';
import type { RankFn } from '../adl/index.ts';
import { referenceStepEngine } from '../referenceStepEngine.ts';
import type { WrongSimulator } from './wrongSimulator.ts';

/** Ranks by id: the order of the account table, not of profit and leverage. */
export const rankById: RankFn = (candidates) => [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((candidate) => ({ candidate, score: ZERO }));

export const adlById: WrongSimulator = {
  name: 'adl-by-id',
  breaks: 'SYS-004',
  description: 'ADL walks the counterparties in account-id order (the table\'s order) instead of ranking them.',
  options: (setup) => ({ engine: referenceStepEngine(setup, { name: 'adl-by-id', rank: rankById }) }),
};

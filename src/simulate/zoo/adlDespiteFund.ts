import { Dec } from '../../model/decimal.ts';
import { referenceStepEngine } from '../referenceStepEngine.ts';
import type { WrongSimulator } from './wrongSimulator.ts';

export const adlDespiteFund: WrongSimulator = {
  name: 'adl-despite-fund',
  breaks: 'SYS-003',
  description: 'ADL runs on every bad debt, for the whole bad debt, even when the insurance fund paid it (owed = badDebt instead of socializedLoss): counterparties pay for a loss nobody socialized.',
  options: (setup) => ({ engine: referenceStepEngine(setup, { name: 'adl-despite-fund', owed: (r) => new Dec(r.badDebt) }) }),
};

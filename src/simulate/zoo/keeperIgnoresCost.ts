import type { WrongSimulator } from './wrongSimulator.ts';

export const keeperIgnoresCost: WrongSimulator = {
  name: 'keeper-ignores-cost',
  breaks: 'SYS-009',
  description: 'Keepers liquidate whatever they may, whether or not the reward covers their cost: unprofitable accounts no longer sit and decay, and the simulation overstates liquidator coverage.',
  options: () => ({ rules: { keeperActs: (k, _reward, notional, left, step, flaggedAt) => step >= flaggedAt + k.latency && k.cash.gt(0) && notional.lte(left) } }),
};

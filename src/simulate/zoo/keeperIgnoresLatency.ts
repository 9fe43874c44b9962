import type { WrongSimulator } from './wrongSimulator.ts';

export const keeperIgnoresLatency: WrongSimulator = {
  name: 'keeper-ignores-latency',
  breaks: 'SYS-009',
  description: 'Keepers act the very step an account is flagged, whatever their latency: slow keepers win races they cannot win.',
  options: () => ({ rules: { keeperActs: (k, reward, notional, left) => k.cash.gt(0) && reward.gte(k.cost) && notional.lte(left) } }),
};

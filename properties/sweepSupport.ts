/**
 * Parameter sets for the sweep suites.
 */
import { continuousTiers } from '../src/arbitraries/continuousTiers.ts';
import { deepFreeze } from '../src/model/frozen.ts';
import type { RiskParams } from '../src/model/types.ts';

/** One market, one bracket, a flat penalty, no buffer and no impact: PAR-002 is exactly f < r. */
export const FLAT: RiskParams = deepFreeze({
  quoteScale: 6,
  trigger: 'strict',
  targetBuffer: '0',
  penalty: { steps: [{ maxMarginRatio: '1', rate: '0.005' }], liquidatorShare: '0.5' },
  dustNotional: '0',
  priceImpact: '0',
  markets: { 'BTC-PERP': { lotSize: '0.001', tickSize: '0.1', tiers: continuousTiers([{ notionalFloor: '0', maintenanceRate: '0.01', initialRate: '0.02' }]) } },
});

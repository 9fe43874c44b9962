/**
 * A realistic built-in risk profile, the CLI's default.
 * @see docs/spec.md#2-inputs
 */
import { deepFreeze } from '../model/frozen.ts';
import type { RiskParams } from '../model/types.ts';
import { continuousTiers } from './continuousTiers.ts';

/**
 * Binance-like linear perpetuals, BTC-PERP and ETH-PERP, initial margin twice maintenance.
 *
 * @remarks Kept in sync with `fixtures/params/default.json` by a test. Every penalty rate is below
 * every tier's maintenance rate plus the buffer (PAR-002), so a partial close always shrinks the
 * shortage. It restores a single-position group only while equity still covers the penalty on the
 * whole position (`E > f·N`, the value of the slack at a full close), so the deepest step
 * (`E/MM ≤ 0.5`, f = 0.4%) mostly ends in full closes: that is the economics, not a defect.
 */
export const defaultParams: RiskParams = deepFreeze({
  quoteScale: 6,
  trigger: 'strict',
  targetBuffer: '0.002',
  penalty: {
    steps: [
      { maxMarginRatio: '1', rate: '0.002' },
      { maxMarginRatio: '0.75', rate: '0.003' },
      { maxMarginRatio: '0.5', rate: '0.004' },
    ],
    liquidatorShare: '0.5',
  },
  dustNotional: '10',
  priceImpact: '0',
  markets: {
    'BTC-PERP': {
      lotSize: '0.001',
      tickSize: '0.1',
      tiers: continuousTiers([
        { notionalFloor: '0', maintenanceRate: '0.004', initialRate: '0.008' },
        { notionalFloor: '50000', maintenanceRate: '0.005', initialRate: '0.01' },
        { notionalFloor: '250000', maintenanceRate: '0.01', initialRate: '0.02' },
        { notionalFloor: '1000000', maintenanceRate: '0.025', initialRate: '0.05' },
        { notionalFloor: '10000000', maintenanceRate: '0.05', initialRate: '0.1' },
      ]),
    },
    'ETH-PERP': {
      lotSize: '0.01',
      tickSize: '0.01',
      tiers: continuousTiers([
        { notionalFloor: '0', maintenanceRate: '0.005', initialRate: '0.01' },
        { notionalFloor: '50000', maintenanceRate: '0.01', initialRate: '0.02' },
        { notionalFloor: '500000', maintenanceRate: '0.02', initialRate: '0.04' },
        { notionalFloor: '5000000', maintenanceRate: '0.05', initialRate: '0.1' },
      ]),
    },
  },
});

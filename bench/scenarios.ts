/**
 * Deterministic benchmark inputs, drawn with the shared arbitraries (src/arbitraries) under a fixed
 * seed, so every run of the bench measures the same scenarios:
 *
 * - 1-position: cross accounts on the BTC-PERP market of the realistic `defaultParams` profile
 *   (the other market removed, so the params are BTC's alone);
 * - 8-position: cross accounts holding all eight markets of {@link EIGHT_MARKETS}, Binance-like
 *   brackets and lots, USDT with 6 decimals.
 *
 * Both use `scenario(...)`'s default `boundary` region: margin ratios exactly on, just below and
 * around the trigger and the penalty steps, underwater, and healthy just above.
 */
import fc from 'fast-check';
import { continuousTiers } from '../src/arbitraries/continuousTiers.ts';
import { defaultParams } from '../src/arbitraries/defaultParams.ts';
import { scenario } from '../src/arbitraries/scenario.ts';
import { deepFreeze } from '../src/model/frozen.ts';
import type { MarketParamsInput, RiskParams, Scenario } from '../src/model/types.ts';

export interface ScenarioSet {
  readonly label: string;
  readonly positions: number;
  readonly source: string;
  readonly scenarios: readonly Scenario[];
}

const MAJOR_RATES = ['0.004', '0.005', '0.01', '0.025', '0.05'] as const;
const ALT_RATES = ['0.005', '0.01', '0.02', '0.05', '0.1'] as const;
const MAJOR_FLOORS = ['0', '50000', '250000', '1000000', '5000000'] as const;
const ALT_FLOORS = ['0', '10000', '100000', '500000', '2000000'] as const;

function market(lotSize: string, tickSize: string, floors: readonly string[], rates: readonly string[]): MarketParamsInput {
  return {
    lotSize,
    tickSize,
    tiers: continuousTiers(
      floors.map((notionalFloor, i) => {
        const rate = rates[i]!;
        return { notionalFloor, maintenanceRate: rate, initialRate: String(Math.min(1, 2 * Number(rate))) };
      }),
    ),
  };
}

/**
 * Eight Binance-like linear perpetuals, with `defaultParams`' schedule, buffer and dust. Frozen
 * where created, like every params set the CLI loads: the parser then caches it with no snapshot,
 * and the scenario arbitrary hands over the parsed form of what it draws.
 */
export const EIGHT_MARKETS: RiskParams = deepFreeze({
  ...defaultParams,
  markets: {
    BTCUSDT: market('0.001', '0.1', MAJOR_FLOORS, MAJOR_RATES),
    ETHUSDT: market('0.001', '0.01', MAJOR_FLOORS, MAJOR_RATES),
    SOLUSDT: market('0.1', '0.01', ALT_FLOORS, ALT_RATES),
    BNBUSDT: market('0.01', '0.01', ALT_FLOORS, ALT_RATES),
    XRPUSDT: market('0.1', '0.0001', ALT_FLOORS, ALT_RATES),
    DOGEUSDT: market('1', '0.00001', ALT_FLOORS, ALT_RATES),
    ADAUSDT: market('1', '0.0001', ALT_FLOORS, ALT_RATES),
    AVAXUSDT: market('0.1', '0.001', ALT_FLOORS, ALT_RATES),
  },
});

/** `defaultParams` with BTC-PERP only (frozen too). */
export const BTC_ONLY: RiskParams = deepFreeze({
  ...defaultParams,
  markets: { 'BTC-PERP': defaultParams.markets['BTC-PERP']! },
});

function draw(params: RiskParams, positions: number, count: number, seed: number): Scenario[] {
  const arb = scenario({ params: fc.constant(params), positions: { min: positions, max: positions }, margin: 'cross' });
  return fc.sample(arb, { seed, numRuns: count });
}

/** The two scenario sets of the bench. */
export function benchSets(seed: number): ScenarioSet[] {
  return [
    {
      label: '1-position',
      positions: 1,
      source: 'scenario() over defaultParams BTC-PERP',
      scenarios: draw(BTC_ONLY, 1, 2000, seed),
    },
    {
      label: '8-position',
      positions: 8,
      source: 'scenario() over 8 Binance-like markets',
      scenarios: draw(EIGHT_MARKETS, 8, 500, seed + 1),
    },
  ];
}

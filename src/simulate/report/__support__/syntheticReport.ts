/**
 * A small hand-made simulation report (3 steps, 2 ADL events) for the report writers' tests:
 * written out by hand, not produced by the simulator, so the tests of the CSV and the page do
 * not depend on the simulator's figures.
 */
import type { SimulationReport } from '../../../wire/simulation.ts';

export function syntheticReport(): SimulationReport {
  const row = (step: number, exogenous: string, mark: string, rounds: number, liquidations: number, liquidatedNotional: string, insuranceFund: string, badDebt: string, socialized: string, adlVolume: string, openInterest: string, flagged: number) =>
    ({ step, exogenous, mark, rounds, liquidations, liquidatedNotional, insuranceFund, badDebt, socialized, adlVolume, openInterest, flagged });
  return {
    format: 'liqcheck-simulation/1',
    engine: 'reference',
    profile: 'binance-usdm',
    policy: 'binance-usdm',
    config: {
      market: 'BTCUSDT',
      seed: 7,
      steps: 3,
      startPrice: '100000',
      insuranceFund: '1000',
      path: { kind: 'shock', shock: '-0.3', shockAt: 1, shockSteps: 1, drift: '0' },
      population: { source: 'generated', count: 4, longShare: '0.5', minNotional: '100', maxNotional: '1000000', entrySpread: '0.05', maxLeverage: '20', isolatedShare: '0.3' },
      liquidity: { kind: 'sqrt', lambda: '1', depth: '10000000', permanent: '0.5', recovery: '0.5', maxImpact: '0.5' },
      keepers: [{ id: 'k1', capital: '1000000', latency: 0, cost: '5' }],
      bidders: [],
      liquidation: { mode: 'market', auction: { premium: '0.05', curve: { kind: 'linear', duration: 20 }, tail: 30, cusp: '0.4', dust: '100' } },
      adl: true,
      maxRounds: 20,
    },
    seed: 7,
    series: [
      row(0, '100000', '100000', 0, 0, '0', '1000', '0', '0', '0', '12.5', 0),
      row(1, '70000', '68000.5', 3, 5, '350000.25', '0', '312.5', '12.5', '6800.05', '8.1', 1),
      row(2, '70000', '69000', 1, 1, '7000', '10', '312.5', '0', '0', '8', 0),
    ],
    cascadeDepth: 3,
    cascadeSteps: 1,
    summary: {
      steps: 3, accounts: 4, redrawn: 1, liquidations: 6, partial: 2, full: 3, bankrupt: 1,
      liquidatedNotional: '357000.25', badDebt: '312.5', insurancePayout: '1000', socialized: '0',
      insuranceFundStart: '1000', insuranceFund: '10', adlEvents: 2, adlVolume: '6800.05',
      openInterestStart: '12.5', openInterest: '8', openInterestStartNotional: '1250000',
      startMark: '100000', finalMark: '69000', minMark: '68000.5', maxMark: '100000',
      open: 3, flagged: 0, keeperActs: 6, keeperCosts: '30', kicks: 0, takes: 0, resets: 0, liveAuctions: 0, writeoffs: '0', vaultSize: '0', vaultValue: '0',
    },
    adl: [
      { step: 1, round: 2, bankrupt: 'a000003', side: 'long', bankruptcyPrice: '69500', mark: '68000.5', spread: '1499.5', owed: '12.5', reductions: [{ account: 'a000002', size: '0.01', transfer: '14.995', score: '0.45' }], toFund: '2.495', unpaid: '0' },
      { step: 1, round: 3, bankrupt: 'a000004', side: 'long', bankruptcyPrice: '69100', mark: '68000.5', spread: '1099.5', owed: '300', reductions: [{ account: 'a000001', size: '0.2', transfer: '219.9', score: '1.2' }, { account: 'a000002', size: '0.09', transfer: '80.1', score: '0.45' }], toFund: '0', unpaid: '0' },
    ],
    interrupted: false,
    ms: 12,
  };
}

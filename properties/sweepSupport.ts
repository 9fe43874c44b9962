/**
 * Parameter sets for the sweep suites.
 */
import { continuousTiers } from '../src/arbitraries/continuousTiers.ts';
import { deepFreeze } from '../src/model/frozen.ts';
import { Dec } from '../src/model/decimal.ts';
import type { RiskParams } from '../src/model/types.ts';
import type { CellResult, Verdict } from '../src/fuzz/sweep/cell.ts';
import { parseAxis } from '../src/fuzz/sweep/grid.ts';
import { SWEEP_FORMAT, type SweepReport } from '../src/fuzz/sweep/runSweep.ts';

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

/**
 * A sweep report written by hand, not run: a `nx × ny` grid whose axis values are the unrounded
 * fractions a CLI grid produces (0.002:0.02:20 gives 0.002947368421052632, …), every verdict
 * present, so the drawing of labels can be checked without paying for the stress runs.
 */
export function syntheticReport(nx: number, ny: number): SweepReport {
  const x = parseAxis('--x', `maintenanceRate=0.002:0.02:${nx}`);
  const y = parseAxis('--y', `penaltyRate=0:0.03:${ny}`);
  const verdicts: readonly Verdict[] = ['safe', 'bad-debt', 'static', 'invalid'];
  const cells: CellResult[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const verdict = verdicts[(i + 2 * j) % 4]!;
      const withBadDebt = (i * 7 + j * 3) % 21;
      cells.push({
        at: [{ name: x.name, value: x.values[i]! }, { name: y.name, value: y.values[j]! }],
        verdict,
        ...(verdict === 'static' ? { reason: 'PAR-002' } : verdict === 'invalid' ? { reason: 'markets.BTC-PERP.tiers[0].initialRate: expected ≥ maintenanceRate' } : {}),
        findings: verdict === 'static' ? ['PAR-002'] : [],
        accounts: 20,
        withBadDebt,
        badDebtRate: new Dec(withBadDebt).div(20).toString(),
        badDebtBp: { mean: '1.25', p95: '12.5', p99: '47.368421052632', max: '50' },
        liquidations: 40,
        partial: 33,
        full: 6,
        bankrupt: 1,
        restorable: new Dec(i + 1).div(nx + 1).toDecimalPlaces(18).toString(),
      });
    }
  }
  return { format: SWEEP_FORMAT, params: { file: 'synthetic', sha256: '0'.repeat(64) }, x, y, scenarios: 40, seed: 1, shock: '0.03', steps: 1, maxBadDebt: '0.05', cells, interrupted: false, ms: 0 };
}

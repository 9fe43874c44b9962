/**
 * A sweep as CSV: one row per cell, axis values first, then the verdict and every metric.
 * @see docs/params.md#sweep-outputs
 */
import type { SweepReport } from './runSweep.ts';

const COLUMNS = ['verdict', 'reason', 'accounts', 'withBadDebt', 'badDebtRate', 'badDebtMeanBp', 'badDebtP95Bp', 'badDebtP99Bp', 'badDebtMaxBp', 'liquidations', 'partial', 'full', 'bankrupt', 'restorable'] as const;

function field(v: string | number): string {
  const t = String(v);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function sweepCsv(r: SweepReport): string {
  const axes = [r.x.name, ...(r.y ? [r.y.name] : [])];
  const lines = [[...axes, ...COLUMNS].join(',')];
  for (const c of r.cells) {
    if (c === null) continue;
    const d = c.badDebtBp;
    const row = [...c.at.map((a) => a.value), c.verdict, c.reason ?? '', c.accounts, c.withBadDebt, c.badDebtRate, d.mean, d.p95, d.p99, d.max, c.liquidations, c.partial, c.full, c.bankrupt, c.restorable];
    lines.push(row.map(field).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A cascade sweep as CSV: cascade-sweep.csv, one row per cell (axis values, then every figure, exact),
 * and thresholds.csv, one row per threshold row.
 * @see docs/simulation.md#s11-stress-search
 */
import type { CascadeSweepReport } from '../../wire/cascadeSweepReport.ts';

const CELL_COLUMNS = ['stressed', 'badDebtShare', 'badDebt', 'openingNotional', 'socialized', 'cascadeDepth', 'cascadeSteps', 'liquidations', 'liquidatedNotional', 'adlVolume', 'adlEvents', 'violations', 'refused'] as const;

function field(v: string | number | boolean | null | undefined): string {
  const t = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function cascadeCsv(r: CascadeSweepReport): string {
  const lines = [[r.x.name, ...(r.y ? [r.y.name] : []), ...CELL_COLUMNS].join(',')];
  for (const c of r.cells) {
    if (c === null) continue;
    lines.push([...c.at.map((a) => a.value), ...CELL_COLUMNS.map((k) => c[k])].map(field).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function thresholdsCsv(r: CascadeSweepReport): string {
  const other = r.thresholds.find((t) => t !== null)?.at[0]?.name ?? (r.x.name === 'shock' ? r.y?.name : r.x.name);
  const lines = [[...(other === undefined ? [] : [other]), 'status', 'threshold', 'lastUnstressed', 'runs', 'monotone', 'contradictions'].join(',')];
  for (const t of r.thresholds) {
    if (t === null) continue;
    const pairs = t.contradictions.map((p) => `${p.stressedAt}>${p.notStressedAt}`).join(' ');
    lines.push([...t.at.map((a) => a.value), t.status, t.threshold, t.lastUnstressed, t.evaluations.length, t.monotone, pairs].map(field).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A simulation's per-step series as CSV (docs/simulation.md S12): one row per step, the columns
 * of the series row in their schema order, values exactly as in simulation.json (canonical
 * decimal strings and integers), so a spreadsheet reads the same figures the JSON holds.
 * @see docs/simulation.md#s12-outputs
 */
import { SeriesRow, type SimulationReport } from '../../wire/simulation.ts';

/** The CSV header: the series row's fields, taken from its schema so the two cannot drift. */
export const SERIES_COLUMNS: readonly (keyof SeriesRow)[] = Object.keys(SeriesRow.properties) as (keyof SeriesRow)[];

export function seriesCsv(report: SimulationReport): string {
  const lines = [SERIES_COLUMNS.join(',')];
  // Every value is a canonical decimal or an integer: no comma, quote or newline to escape.
  for (const row of report.series) lines.push(SERIES_COLUMNS.map((c) => String(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/** Parameter sweeps: grid axes, cells, the report and its CSV/HTML forms, comparison of proposals. */
export { AXES, axisNamed, type AxisDef } from './axes.ts';
export { cellParams, runCell, runSweepCells, type CellResult, type CellValue, type SweepCellsInput, type Verdict } from './cell.ts';
export { compareSweeps, comparisonHtml, formatComparison, type CellChange, type SweepComparison } from './compare.ts';
export { sweepCsv } from './csv.ts';
export { checkGrid, GridError, parseAxis, type Axis } from './grid.ts';
export { FRAME_COLOUR, sweepHtml, VERDICT_COLOURS } from './html.ts';
export { runSweep, SWEEP_FORMAT, type SweepOptions, type SweepReport } from './runSweep.ts';

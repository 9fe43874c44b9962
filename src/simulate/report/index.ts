/** The outputs of a simulation besides its JSON report (docs/simulation.md S12). */
export { seriesCsv, SERIES_COLUMNS } from './seriesCsv.ts';
export { simulationHtml, topAdlEvents, TOP_ADL_EVENTS } from './simulationHtml.ts';
export { lineChartSpec, type LineChartInput, type LineSeries } from './lineChartSpec.ts';
export { formatMove } from './formatMove.ts';

/**
 * The Vega spec of one sweep heatmap: a cell per grid point on continuous axes (so the ticks are
 * round numbers chosen for the axis' range, not the raw grid values), axis titles with units,
 * a legend, and each cell's figures as its description (rendered as its SVG tooltip).
 * Pure: the spec is data; src/fuzz/sweep/renderSvg.ts turns it into SVG.
 * @see docs/params.md#outputs
 */
import type { Spec } from 'vega';
import { Dec } from '../../model/decimal.ts';

/** What a person reads after each axis name: the unit of its values. */
const AXIS_UNITS: Readonly<Record<string, string>> = {
  maintenanceRate: 'fraction of notional',
  initialRate: 'fraction of notional',
  penaltyRate: 'fraction of closed notional',
  targetBuffer: 'fraction of maintenance margin',
  priceImpact: 'fraction of mark price',
  liquidatorShare: 'fraction of the penalty',
  dustNotional: 'quote units',
  shock: 'fraction of mark price',
  leverage: '×',
};

export function axisTitle(name: string): string {
  const unit = AXIS_UNITS[name];
  return unit === undefined ? name : `${name} (${unit})`;
}

export interface HeatmapAxis {
  readonly name: string;
  /** the grid values, canonical decimal strings, ascending and evenly spaced */
  readonly values: readonly string[];
}

export interface HeatmapCellDrawing {
  readonly fill: string;
  /** the cell's figures, one per line */
  readonly title: string;
}

/** A colour ramp from white: its legend shows `title` from 0 to 100 %. */
export interface GradientLegend {
  readonly title: string;
  readonly to: string;
}

export interface HeatmapInput {
  readonly caption: string;
  readonly x: HeatmapAxis;
  /** null for a one-axis sweep: a single row and no y axis */
  readonly y: HeatmapAxis | null;
  /** (i, j) → fill and tooltip of the cell at x_i, y_j */
  readonly cell: (i: number, j: number) => HeatmapCellDrawing;
  /** flat colours and what they mean, shown as a symbol legend */
  readonly symbols: readonly (readonly [colour: string, label: string])[];
  /** the symbol legend's title when there is no gradient (default `verdict`) */
  readonly symbolsTitle?: string;
  readonly gradient?: GradientLegend;
  /** a 3 px frame in this colour around the grid, for pixel checks of a screenshot */
  readonly frame?: string;
}

/** Cell sizes in px: as large as fits 720 × 480, at least 4 px (a larger grid grows the chart). */
function cellSize(n: number, room: number, max: number): number {
  return Math.max(4, Math.min(max, Math.floor(room / n)));
}

/**
 * Cell k of an axis spans [lo + (k − ½)·step, lo + (k + ½)·step] in axis units. A one-point axis
 * gets a span of ±10 % of its value (±0.5 at 0) so the tick still lands on the value.
 * The bounds are JS numbers: they only place pixels; tooltips and tables keep the exact strings.
 */
function spans(values: readonly string[]): { readonly lo: number; readonly hi: number; readonly bound: (k: number) => readonly [number, number] } {
  const first = new Dec(values[0]!);
  if (values.length === 1) {
    const half = first.isZero() ? new Dec('0.5') : first.abs().div(10);
    return { lo: first.sub(half).toNumber(), hi: first.add(half).toNumber(), bound: () => [first.sub(half).toNumber(), first.add(half).toNumber()] };
  }
  const step = new Dec(values[values.length - 1]!).sub(first).div(values.length - 1);
  const at = (k: number) => first.add(step.mul(k)).toNumber();
  return { lo: at(-0.5), hi: at(values.length - 0.5), bound: (k) => [at(k - 0.5), at(k + 0.5)] };
}

const LABEL_FONT = 11;

export function heatmapSpec(h: HeatmapInput): Spec {
  const nx = h.x.values.length;
  const ny = h.y?.values.length ?? 1;
  const cw = cellSize(nx, 720, 48);
  const ch = cellSize(ny, 480, 40);
  const width = cw * nx;
  const height = ch * ny;
  const sx = spans(h.x.values);
  const sy = h.y === null ? null : spans(h.y.values);
  const cells: Record<string, unknown>[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = h.cell(i, j);
      const [x0, x1] = sx.bound(i);
      const [y0, y1] = sy === null ? [0, 1] : sy.bound(j);
      cells.push({ x0, x1, y0, y1, fill: c.fill, title: c.title });
    }
  }
  // 1 px white gaps between cells when they are large enough to keep a visible centre.
  const gap = cw >= 8 && ch >= 8;
  const axis = (orient: 'bottom' | 'left', scale: string, title: string, count: number) => ({
    orient,
    scale,
    title,
    // Ticks at round values, at most one per ~90 px across and ~36 px up: labels never crowd.
    tickCount: count,
    labelOverlap: 'greedy' as const,
    labelSeparation: 6,
    labelFontSize: LABEL_FONT,
    labelColor: '#333',
    titleFontSize: 12,
    titleFontWeight: 'normal' as const,
    titleColor: '#222',
    titlePadding: 8,
    domain: false,
    offset: h.frame === undefined ? 2 : 5,
    zindex: 1,
  });
  const legends: Record<string, unknown>[] = [];
  if (h.gradient !== undefined) {
    legends.push({ fill: 'ramp', type: 'gradient', title: h.gradient.title, format: '.0%', orient: 'bottom', direction: 'horizontal', gradientLength: Math.min(240, Math.max(120, width / 2)), titleFontSize: 12, titleFontWeight: 'normal', labelFontSize: LABEL_FONT, titleLimit: 0 });
  }
  if (h.symbols.length > 0) {
    // Legends below the map: their (long) labels then never widen the chart beyond a screen.
    legends.push({ fill: 'symbols', orient: 'bottom', direction: 'vertical', symbolType: 'square', symbolSize: 140, symbolStrokeColor: '#9e9e9e', symbolStrokeWidth: 1, labelFontSize: 12, labelLimit: 0, ...(h.gradient === undefined ? { title: h.symbolsTitle ?? 'verdict', titleFontSize: 12, titleFontWeight: 'normal' } : {}) });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    description: h.caption,
    width,
    height,
    padding: 10,
    autosize: { type: 'pad', resize: false },
    background: '#ffffff',
    title: { text: h.caption, anchor: 'start', fontSize: 13, fontWeight: 600, offset: 10, limit: 0 },
    data: [{ name: 'grid', values: cells }],
    scales: [
      { name: 'x', type: 'linear', domain: [sx.lo, sx.hi], range: [0, width], zero: false, nice: false },
      { name: 'y', type: 'linear', domain: sy === null ? [0, 1] : [sy.lo, sy.hi], range: [height, 0], zero: false, nice: false },
      { name: 'symbols', type: 'ordinal', domain: h.symbols.map(([, label]) => label), range: h.symbols.map(([colour]) => colour) },
      ...(h.gradient === undefined ? [] : [{ name: 'ramp', type: 'linear' as const, domain: [0, 1], range: ['#ffffff', h.gradient.to], interpolate: 'rgb' as const, zero: true }]),
    ],
    axes: [
      axis('bottom', 'x', `${axisTitle(h.x.name)} →`, Math.max(2, Math.min(12, Math.floor(width / 90)))),
      ...(h.y === null ? [] : [axis('left', 'y', `${axisTitle(h.y.name)} →`, Math.max(2, Math.min(12, Math.floor(height / 36))))]),
    ],
    legends,
    marks: [
      ...(h.frame === undefined ? [] : [{ type: 'rect' as const, name: 'frame', encode: { enter: { x: { value: -3 }, x2: { value: width + 2 }, y: { value: -3 }, y2: { value: height + 2 }, fill: { value: h.frame } } } }]),
      {
        type: 'rect',
        name: 'heatcells',
        from: { data: 'grid' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x0' },
            x2: { scale: 'x', field: 'x1' },
            y: { scale: 'y', field: 'y0' },
            y2: { scale: 'y', field: 'y1' },
            fill: { field: 'fill' },
            ...(gap ? { stroke: { value: '#ffffff' }, strokeWidth: { value: 1 } } : {}),
            description: { field: 'title' },
            tooltip: { field: 'title' },
          },
        },
      },
    ],
  };
}

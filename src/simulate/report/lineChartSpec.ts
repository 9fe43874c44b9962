/**
 * The Vega spec of one line chart of a simulation's series (x: the step): one line per series,
 * a colour legend, round axis ticks. Pure data; src/fuzz/sweep/renderSvg.ts renders it to SVG
 * when the report is written, so the page needs no script.
 * @see docs/simulation.md#s12-outputs
 */
import type { Spec } from 'vega';

export interface LineSeries {
  readonly name: string;
  readonly colour: string;
  /** one value per step, decimal strings (exact in the JSON; only placed as pixels here) */
  readonly values: readonly string[];
}

export interface LineChartInput {
  readonly caption: string;
  readonly yTitle: string;
  /** the step of each value */
  readonly steps: readonly number[];
  readonly series: readonly LineSeries[];
  /** counts per step are drawn as steps (the value holds for the whole step), amounts as lines */
  readonly interpolate?: 'linear' | 'step';
  /** whole numbers (counts): integer ticks only */
  readonly integer?: boolean;
}

const WIDTH = 720;
const HEIGHT = 220;
const LABEL_FONT = 11;

export function lineChartSpec(c: LineChartInput): Spec {
  // JS numbers only place pixels: the table, the JSON and the CSV keep the exact values.
  const points = c.series.flatMap((s) => s.values.map((v, i) => ({ step: c.steps[i]!, series: s.name, value: Number(v) })));
  const axis = (orient: 'bottom' | 'left', scale: string, title: string, count: number) => ({
    orient,
    scale,
    title,
    tickCount: count,
    labelOverlap: 'greedy' as const,
    labelFontSize: LABEL_FONT,
    labelColor: '#333',
    titleFontSize: 12,
    titleFontWeight: 'normal' as const,
    titleColor: '#222',
    titlePadding: 8,
    grid: orient === 'left',
    gridColor: '#eeeeee',
  });
  const lastStep = c.steps.length === 0 ? 1 : Math.max(1, c.steps[c.steps.length - 1]!);
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    description: c.caption,
    width: WIDTH,
    height: HEIGHT,
    padding: 10,
    autosize: { type: 'pad', resize: false },
    background: '#ffffff',
    title: { text: c.caption, anchor: 'start', fontSize: 13, fontWeight: 600, offset: 10, limit: 0 },
    data: [{ name: 'points', values: points }],
    scales: [
      { name: 'x', type: 'linear', domain: [c.steps[0] ?? 0, lastStep], range: 'width', zero: false, nice: false },
      { name: 'y', type: 'linear', domain: { data: 'points', field: 'value' }, range: 'height', zero: true, nice: true },
      { name: 'colour', type: 'ordinal', domain: c.series.map((s) => s.name), range: c.series.map((s) => s.colour) },
    ],
    axes: [
      { ...axis('bottom', 'x', 'step →', Math.min(12, lastStep)), format: 'd', tickMinStep: 1 },
      { ...axis('left', 'y', c.yTitle, 6), ...(c.integer ? { format: ',d', tickMinStep: 1 } : {}) },
    ],
    legends: c.series.length > 1 ? [{ stroke: 'colour', orient: 'top-right', direction: 'horizontal', symbolType: 'stroke', labelFontSize: 12, labelLimit: 0, symbolStrokeWidth: 2 }] : [],
    marks: [
      {
        type: 'group',
        name: 'lines',
        from: { facet: { name: 'one', data: 'points', groupby: 'series' } },
        marks: [
          {
            type: 'line',
            name: 'line',
            from: { data: 'one' },
            encode: {
              enter: {
                x: { scale: 'x', field: 'step' },
                y: { scale: 'y', field: 'value' },
                stroke: { scale: 'colour', field: 'series' },
                strokeWidth: { value: 1.75 },
                interpolate: { value: c.interpolate === 'step' ? 'step' : 'linear' },
              },
            },
          },
        ],
      },
    ],
  };
}

/**
 * The Vega spec of the threshold curve (spec S11): the systemic stress threshold |shock| against
 * the other axis (the liquidity depth, typically), a line through the rows where the search
 * found it, and the bracket (last unstressed … threshold) as a bar at each point. Log scale on x
 * when the axis spans two decades or more, as depth grids do.
 * @see docs/simulation.md#s11-stress-search
 */
import type { Spec } from 'vega';
import { Dec } from '../../model/decimal.ts';
import { cascadeAxisNamed } from './cascadeAxes.ts';

export interface CurvePoint {
  /** the other axis' value, exact */
  readonly at: string;
  /** |threshold| and |last unstressed|, exact */
  readonly threshold: string;
  readonly below: string;
}

export function thresholdCurveSpec(caption: string, axis: string, points: readonly CurvePoint[]): Spec {
  const xs = points.map((p) => new Dec(p.at));
  const log = xs.length > 1 && xs.every((v) => v.gt(0)) && Dec.max(...xs).div(Dec.min(...xs)).gte(100);
  const values = points.map((p) => ({ x: new Dec(p.at).toNumber(), y: new Dec(p.threshold).toNumber(), y0: new Dec(p.below).toNumber(), label: `${axis} = ${p.at}: threshold |shock| ${p.threshold} (not stressed at ${p.below})` }));
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    description: caption,
    width: 560,
    height: 300,
    padding: 10,
    autosize: { type: 'pad', resize: false },
    background: '#ffffff',
    title: { text: caption, anchor: 'start', fontSize: 13, fontWeight: 600, offset: 10, limit: 0 },
    data: [{ name: 'curve', values }],
    scales: [
      { name: 'x', type: log ? 'log' : 'linear', domain: { data: 'curve', field: 'x' }, range: 'width', zero: false, nice: true },
      { name: 'y', type: 'linear', domain: { data: 'curve', fields: ['y', 'y0'] }, range: 'height', zero: true, nice: true },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: `${axis}${cascadeAxisNamed(axis) === undefined ? '' : ` (${cascadeAxisNamed(axis)!.unit})`} →`, tickCount: 6, labelOverlap: 'greedy', titleFontWeight: 'normal' },
      { orient: 'left', scale: 'y', title: 'stress threshold |shock| (fraction of price) →', format: '.0%', titleFontWeight: 'normal' },
    ],
    marks: [
      { type: 'rule', name: 'brackets', from: { data: 'curve' }, encode: { enter: { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y0' }, y2: { scale: 'y', field: 'y' }, stroke: { value: '#ef9a9a' }, strokeWidth: { value: 6 } } } },
      { type: 'line', name: 'line', from: { data: 'curve' }, encode: { enter: { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y' }, stroke: { value: '#c62828' }, strokeWidth: { value: 2 } } } },
      { type: 'symbol', name: 'points', from: { data: 'curve' }, encode: { enter: { x: { scale: 'x', field: 'x' }, y: { scale: 'y', field: 'y' }, fill: { value: '#c62828' }, size: { value: 40 }, description: { field: 'label' } } } },
    ],
  };
}

/**
 * Grid axes of a cascade sweep from the command line, `NAME=FROM:TO:STEPS`. Unlike the parameter
 * sweep's axes, a range may run downwards (`shock=-0.05:-0.5:10`: from the mild move to the
 * severe one), and the values keep that order: the map then reads from mild to severe.
 * @see docs/simulation.md#s11-stress-search
 */
import { Dec, toCanonical as s } from '../../model/decimal.ts';
import type { Axis } from '../../wire/sweepReport.ts';
import { CASCADE_AXES, cascadeAxisNamed } from './cascadeAxes.ts';

export { type Axis };

/** A grid specification that cannot be used: which option, which part, why. */
export class CascadeGridError extends Error {
  override readonly name = 'CascadeGridError';
}

const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]{1,18})?$/;
/** A cell is one whole simulation: a grid beyond this is a mistake, not a sweep. */
export const MAX_CASCADE_STEPS = 200;
export const MAX_CASCADE_CELLS = 2_000;

export function parseCascadeAxis(option: string, raw: string): Axis {
  const m = /^([A-Za-z]+)=([^:]*):([^:]*):([^:]*)$/.exec(raw);
  if (m === null) throw new CascadeGridError(`${option}: expected NAME=FROM:TO:STEPS (e.g. shock=-0.05:-0.5:10), received ${JSON.stringify(raw)}`);
  const [, name, from, to, steps] = m as unknown as [string, string, string, string, string];
  const axis = cascadeAxisNamed(name);
  if (axis === undefined) throw new CascadeGridError(`${option} ${name}: unknown knob; known: ${CASCADE_AXES.map((a) => a.name).join(', ')}`);
  for (const [field, v] of [['FROM', from], ['TO', to]] as const) {
    if (!DECIMAL.test(v)) throw new CascadeGridError(`${option} ${name}: ${field} expected a decimal string (at most 18 fraction digits), received ${JSON.stringify(v)}`);
    if (!axis.inDomain(new Dec(v))) throw new CascadeGridError(`${option} ${name}: ${field} ${v} is outside the domain ${axis.domain}`);
  }
  if (!/^[0-9]+$/.test(steps)) throw new CascadeGridError(`${option} ${name}: STEPS expected a whole number of grid points, received ${JSON.stringify(steps)}`);
  const n = Number(steps);
  const lo = new Dec(from);
  const hi = new Dec(to);
  if (n === 0) throw new CascadeGridError(`${option} ${name}: STEPS 0 makes an empty grid; give at least 1 point`);
  if (n > MAX_CASCADE_STEPS) throw new CascadeGridError(`${option} ${name}: STEPS ${n} exceeds ${MAX_CASCADE_STEPS}`);
  if (lo.eq(hi) && n > 1) throw new CascadeGridError(`${option} ${name}: empty range, FROM = TO = ${from} with ${n} points; widen the range or use STEPS 1`);
  if (!lo.eq(hi) && n === 1) throw new CascadeGridError(`${option} ${name}: STEPS 1 needs FROM = TO (one point), received ${from}:${to}`);
  const values = Array.from({ length: n }, (_, j) => (n === 1 ? s(lo) : s(lo.add(hi.sub(lo).mul(j).div(n - 1)).toDecimalPlaces(18, Dec.ROUND_HALF_EVEN))));
  if (axis.kind === 'integer') {
    const bad = values.find((v) => !new Dec(v).isInteger());
    if (bad !== undefined) throw new CascadeGridError(`${option} ${name}: a whole-number knob, but the grid has ${bad}; choose FROM, TO and STEPS so that every point is whole`);
  }
  return { name, values };
}

export function checkCascadeGrid(x: Axis, y: Axis | undefined): void {
  if (y !== undefined && y.name === x.name) throw new CascadeGridError(`--y ${y.name}: the same knob as --x; choose two different knobs`);
  const cells = x.values.length * (y?.values.length ?? 1);
  if (cells > MAX_CASCADE_CELLS) throw new CascadeGridError(`--x/--y: ${cells} cells exceed ${MAX_CASCADE_CELLS}; use fewer STEPS`);
}

/**
 * Grid axes from the command line: `NAME=FROM:TO:STEPS`, validated so that an empty grid, an
 * inverted range, an unknown name or a value outside the parameter's domain is reported with the
 * option, the field and the reason.
 * @see docs/params.md#sweep
 */
import { Dec, toCanonical as s } from '../../model/decimal.ts';
import type { Axis } from '../../wire/sweepReport.ts';
import { AXES, axisNamed } from './axes.ts';

// One axis of the grid: the parameter and its values, canonical decimal strings, ascending.
export type { Axis };

/** A grid specification that cannot be used: which option, which part, why. */
export class GridError extends Error {
  override readonly name = 'GridError';
}

const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]{1,18})?$/;
export const MAX_STEPS = 1000;
export const MAX_CELLS = 10_000;

/** Parses `NAME=FROM:TO:STEPS` given to `option` (`--x`, `--y`). */
export function parseAxis(option: string, raw: string): Axis {
  const m = /^([A-Za-z]+)=([^:]*):([^:]*):([^:]*)$/.exec(raw);
  if (m === null) throw new GridError(`${option}: expected NAME=FROM:TO:STEPS (e.g. penaltyRate=0.001:0.01:10), received ${JSON.stringify(raw)}`);
  const [, name, from, to, steps] = m as unknown as [string, string, string, string, string];
  const axis = axisNamed(name);
  if (axis === undefined) throw new GridError(`${option} ${name}: unknown parameter; known: ${AXES.map((a) => a.name).join(', ')}`);
  for (const [field, v] of [['FROM', from], ['TO', to]] as const) {
    if (!DECIMAL.test(v)) throw new GridError(`${option} ${name}: ${field} expected a decimal string (at most 18 fraction digits), received ${JSON.stringify(v)}`);
    if (!axis.inDomain(new Dec(v))) throw new GridError(`${option} ${name}: ${field} ${v} is outside the domain ${axis.domain}`);
  }
  if (!/^[0-9]+$/.test(steps)) throw new GridError(`${option} ${name}: STEPS expected a whole number of grid points, received ${JSON.stringify(steps)}`);
  const n = Number(steps);
  const lo = new Dec(from);
  const hi = new Dec(to);
  if (n === 0) throw new GridError(`${option} ${name}: STEPS 0 makes an empty grid; give at least 1 point`);
  if (n > MAX_STEPS) throw new GridError(`${option} ${name}: STEPS ${n} exceeds ${MAX_STEPS}`);
  if (lo.gt(hi)) throw new GridError(`${option} ${name}: inverted range, FROM ${from} > TO ${to}; write ${name}=${to}:${from}:${n}`);
  if (lo.eq(hi) && n > 1) throw new GridError(`${option} ${name}: empty range, FROM = TO = ${from} with ${n} points; widen the range or use STEPS 1`);
  if (!lo.eq(hi) && n === 1) throw new GridError(`${option} ${name}: STEPS 1 needs FROM = TO (one point), received ${from}:${to}`);
  const values = Array.from({ length: n }, (_, j) => (n === 1 ? s(lo) : s(lo.add(hi.sub(lo).mul(j).div(n - 1)).toDecimalPlaces(18, Dec.ROUND_HALF_EVEN))));
  return { name, values };
}

/** Checks a pair of axes together. */
export function checkGrid(x: Axis, y: Axis | undefined): void {
  if (y !== undefined && y.name === x.name) throw new GridError(`--y ${y.name}: the same parameter as --x; choose two different parameters`);
  const cells = x.values.length * (y?.values.length ?? 1);
  if (cells > MAX_CELLS) throw new GridError(`--x/--y: ${cells} cells exceed ${MAX_CELLS}; use fewer STEPS`);
}

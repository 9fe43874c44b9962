/**
 * Exact decimal ratios as `n · 10^−s` with a bigint `n`: the lending generators' health factors,
 * thresholds and base values, compared without division.
 * @internal
 */
import { rawOf, scaleOf, ten } from './units.ts';

/** `n · 10^−s`. */
export interface Ratio {
  readonly n: bigint;
  readonly s: number;
}

/** The ratio of a plain decimal string. */
export function ratioOf(x: string): Ratio {
  const s = scaleOf(x);
  return { n: rawOf(x, s), s };
}

/** Both mantissas on the finer of the two scales. */
export const alignR = (a: Ratio, b: Ratio): [bigint, bigint] => {
  const s = Math.max(a.s, b.s);
  return [a.n * ten(s - a.s), b.n * ten(s - b.s)];
};
/** `a + b`, exact. */
export const addR = (a: Ratio, b: Ratio): Ratio => {
  const [x, y] = alignR(a, b);
  return { n: x + y, s: Math.max(a.s, b.s) };
};
/** `a · b`, exact (the scales add). */
export const mulR = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.n, s: a.s + b.s });
/** −1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export const cmpR = (a: Ratio, b: Ratio): number => {
  const [x, y] = alignR(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
};


/**
 * Figures as a person reads them, one precision everywhere (terminal summaries of check, fuzz,
 * sweep, fixtures and the benches, and the HTML reports): percentages with a fixed number of
 * decimals, counts and rates with thousands separators, rates with three significant figures,
 * durations in the unit that fits. Display only: JSON and CSV keep the exact values.
 *
 * Rounding is half up (half away from zero, decimal.js ROUND_HALF_UP), what a reader does by hand:
 * 0.125 at two decimals is 0.13, -0.125 is -0.13; not banker's rounding (0.12), which is unbiased
 * over many sums but surprising in a single printed figure. A JS number is taken at its shortest
 * decimal form (what `String(n)` prints), so 1.005 rounds to 1.01 although its binary value is
 * slightly below. No exponent notation, an ASCII minus, and never a negative zero.
 */
import { Dec } from '../model/decimal.ts';

/** A figure to print: an exact decimal (string or Dec), or a measurement (number, bigint). */
export type Figure = Dec | string | number | bigint;

function toDec(x: Figure, what: string): Dec {
  if (typeof x === 'number' && !Number.isFinite(x)) throw new RangeError(`${what}: expected a finite number, received ${x}`);
  let d: Dec;
  try {
    d = x instanceof Dec ? x : new Dec(typeof x === 'bigint' ? x.toString() : x);
  } catch {
    throw new RangeError(`${what}: expected a decimal number, received ${JSON.stringify(String(x))}`);
  }
  if (!d.isFinite()) throw new RangeError(`${what}: expected a finite number, received ${d.toString()}`);
  return d;
}

/** `12345678.9` as `12,345,678.9`: separators in the integer part only. */
function group(fixed: string): string {
  const [int, frac] = fixed.split('.') as [string, string | undefined];
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** `d` at `decimals` places, half up, without a negative zero. */
function fixed(d: Dec, decimals: number): string {
  const r = d.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP);
  return (r.isZero() ? r.abs() : r).toFixed(decimals);
}

function checkPlaces(what: string, n: number, lo: number, hi: number): void {
  if (!Number.isInteger(n) || n < lo || n > hi) throw new RangeError(`${what}: expected a whole number in [${lo}, ${hi}], received ${n}`);
}

/**
 * A fraction as a percentage with `decimals` places: 0.412121 → `41.2%`, 1 → `100.0%`. A figure
 * that is not exactly 0 (or 1) but would print so says which side it is on (`<0.1%`, `>99.9%`),
 * so a rare event is never shown as none, nor a near-total as all.
 */
export function formatPercent(fraction: Figure, decimals = 1): string {
  checkPlaces('formatPercent decimals', decimals, 0, 12);
  const p = toDec(fraction, 'formatPercent').mul(100);
  const text = fixed(p, decimals);
  const unit = new Dec(1).div(new Dec(10).pow(decimals)).toFixed(decimals);
  const r = new Dec(text);
  if (r.isZero() && !p.isZero()) return p.gt(0) ? `<${unit}%` : `>-${unit}%`;
  if (r.eq(100) && !p.eq(100)) return p.lt(100) ? `>${new Dec(100).sub(unit).toFixed(decimals)}%` : `<${new Dec(100).add(unit).toFixed(decimals)}%`;
  return `${group(text)}%`;
}

/** A whole number with thousands separators: 1234567 → `1,234,567` (a fraction rounds half up). */
export function formatCount(n: Figure): string {
  return group(fixed(toDec(n, 'formatCount'), 0));
}

/** `x` at `decimals` places, half up, with thousands separators: 1234.5678 at 2 → `1,234.57`. */
export function formatFixed(x: Figure, decimals: number): string {
  checkPlaces('formatFixed decimals', decimals, 0, 18);
  return group(fixed(toDec(x, 'formatFixed'), decimals));
}

/**
 * `x` with `digits` significant figures, but never fewer than its integer digits (a throughput
 * of 12,346/s is not printed 12,300): 0.0012345 → `0.00123`, 4.5678 → `4.57`, 41.25 → `41.3`,
 * 12345.6 → `12,346`, 0 → `0`. Thousands separators, no exponent however small or large.
 */
export function formatSignificant(x: Figure, digits = 3): string {
  checkPlaces('formatSignificant digits', digits, 1, 18);
  const d = toDec(x, 'formatSignificant');
  if (d.isZero()) return '0';
  // Rounding to `digits` figures first decides the magnitude (9.996 → 10.0 has 2 integer digits).
  const r = d.toSignificantDigits(digits, Dec.ROUND_HALF_UP);
  const exponent = r.abs().e; // floor(log10 |r|)
  const decimals = Math.max(0, digits - 1 - exponent);
  return group(fixed(d, decimals));
}

/** A throughput as `12,346/s` or `0.512/s`: three significant figures, whole numbers kept. */
export function formatRate(perSecond: Figure, unit = ''): string {
  return `${formatSignificant(perSecond, 3)}${unit ? ` ${unit}` : ''}/s`;
}

/**
 * A duration given in milliseconds, in the unit that fits: `0.42 ms`, `850 ms`, `12.3 s`,
 * `3 min 05 s`, `2 h 04 min`. A negative or non-finite duration is a bug upstream and throws.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`formatDuration: expected a finite duration ≥ 0 in ms, received ${ms}`);
  if (new Dec(String(ms)).toSignificantDigits(3, Dec.ROUND_HALF_UP).lt(1000)) return `${formatSignificant(ms, ms < 100 ? 2 : 3)} ms`;
  const tenths = new Dec(String(ms)).div(100).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
  if (tenths < 600) return `${fixed(new Dec(tenths).div(10), 1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  const min = Math.round(s / 60);
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** `part` of `whole` as a percentage (exact ratio, then {@link formatPercent}); `—` when `whole` is 0. */
export function formatShare(part: number, whole: number, decimals = 1): string {
  if (whole === 0) return '—';
  return formatPercent(toDec(part, 'formatShare part').div(toDec(whole, 'formatShare whole')), decimals);
}

/**
 * Labels for a list of distinct values (an axis of a grid), each with the fewest significant
 * figures, from `minDigits` up, that keeps all the labels distinct, trailing zeros dropped (a
 * label names a value, it does not state a precision): 0.002, 0.002947368421052632,
 * 0.003894736842105263 → `0.002`, `0.0029`, `0.0039`; 0, 0.01, 0.02 stay `0`, `0.01`, `0.02`.
 * Values that stay alike at `maxDigits` are printed exactly.
 */
const trimZeros = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

export function formatDistinct(values: readonly Figure[], minDigits = 2, maxDigits = 8): readonly string[] {
  for (let digits = minDigits; digits <= maxDigits; digits++) {
    const labels = values.map((v) => trimZeros(formatSignificant(v, digits)));
    if (new Set(labels).size === new Set(values.map((v) => toDec(v, 'formatDistinct').toString())).size) return labels;
  }
  return values.map((v) => group(toDec(v, 'formatDistinct').toFixed()));
}
